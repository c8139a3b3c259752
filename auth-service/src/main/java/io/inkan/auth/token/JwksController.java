package io.inkan.auth.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /.well-known/jwks.json}: the public keys every token is checked against. */
@RestController
@Tag(name = "Keys", description = "What relying parties and front ends need: token keys, the sealing certificate.")
class JwksController {
    private final Tokens tokens;
    private final CacheControl cacheControl;

    JwksController(Tokens tokens, TokenProperties properties) {
        this.tokens = tokens;
        // Cached no longer than one key refresh: a relying party's copy then holds a new generation well before the
        // propagation delay (three refreshes) lets it sign.
        this.cacheControl = CacheControl.maxAge(properties.keyRefresh());
    }

    @Operation(summary = "The keys tokens are signed with", description = """
                    The JSON Web Key Set (RFC 7517) of auth-service's token keys (ES256): the one signing now and the \
                    ones whose tokens may still be in use. Cached no longer than one key refresh; a token naming an \
                    unknown `kid` is a reason to fetch it again. No token needed.""")
    @ApiResponse(
            responseCode = "200",
            description = "The public keys.",
            content = @Content(mediaType = "application/json"))
    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(cacheControl)
                .body(tokens.publicKeys().toJSONObject(true));
    }
}
