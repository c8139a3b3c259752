package io.inkan.issuance.authority;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ca/chain.pem}: what relying parties and installers trust. Every issuing CA still in use, the current one
 * first and the retired ones newest first, then the roots: it grows when the CA rolls, and every instance serves the
 * same, read from where the CAs are kept.
 */
@RestController
class ChainController {
    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final IssuingCas cas;

    ChainController(IssuingCas cas) {
        this.cas = cas;
    }

    @GetMapping("/ca/chain.pem")
    ResponseEntity<String> chain() {
        cas.refresh();
        return ResponseEntity.ok().contentType(PEM).body(Pem.of(cas.chain()));
    }
}
