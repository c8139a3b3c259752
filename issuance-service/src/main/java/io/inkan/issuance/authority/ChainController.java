package io.inkan.issuance.authority;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ca/chain.pem}: what relying parties and installers trust. */
@RestController
class ChainController {
    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final String chainPem;

    ChainController(Signer signer) {
        this.chainPem = Pem.of(signer.chain());
    }

    @GetMapping("/ca/chain.pem")
    ResponseEntity<String> chain() {
        return ResponseEntity.ok().contentType(PEM).body(chainPem);
    }
}
