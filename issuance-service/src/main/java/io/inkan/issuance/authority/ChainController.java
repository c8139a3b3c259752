package io.inkan.issuance.authority;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
        name = "Certificate authority",
        description = "Public, no token: what relying parties need to trust and check certificates.")
class ChainController {
    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final IssuingCas cas;

    ChainController(IssuingCas cas) {
        this.cas = cas;
    }

    @Operation(summary = "The CA chain", description = """
                    Every issuing CA still valid, the current one first, then retired ones newest first, then their \
                    roots (the current CA's root first), in PEM. What relying parties and installers trust.""")
    @ApiResponse(
            responseCode = "200",
            description = "The chain, PEM.",
            content = @Content(mediaType = "application/x-pem-file", schema = @Schema(type = "string")))
    @GetMapping("/ca/chain.pem")
    ResponseEntity<String> chain() {
        cas.refresh();
        return ResponseEntity.ok().contentType(PEM).body(Pem.of(cas.chain()));
    }
}
