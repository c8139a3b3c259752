package io.inkan.auth.token;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JwksController {
    private final Tokens tokens;
    private final CacheControl cacheControl;

    JwksController(Tokens tokens, TokenProperties properties) {
        this.tokens = tokens;
        // Cached no longer than one key refresh: a relying party's copy then holds a new generation well before the
        // propagation delay (three refreshes) lets it sign.
        this.cacheControl = CacheControl.maxAge(properties.keyRefresh());
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(cacheControl)
                .body(tokens.publicKeys().toJSONObject(true));
    }
}
