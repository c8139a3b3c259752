package io.inkan.auth.sealing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/sealing-certificate}: where front ends seal what they pass on through events. */
@RestController
@Tag(name = "Keys", description = "What relying parties and front ends need: token keys, the sealing certificate.")
class SealingCertificateController {
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final SealingKey key;

    SealingCertificateController(SealingKey key) {
        this.key = key;
    }

    @Operation(summary = "The certificate secrets are sealed to", description = """
                    A PEM certificate (RSA 3072). A secret that must reach auth-service through an event (a password in \
                    a `CertificateRequestSubmitted`, an initial password) is sealed to it with CMS first: \
                    AuthEnvelopedData (AES-GCM), the content key wrapped with RSA-OAEP. No token needed.""")
    @ApiResponse(
            responseCode = "200",
            description = "The sealing certificate, PEM.",
            content = @Content(mediaType = "application/x-pem-file"))
    @GetMapping("/api/v1/sealing-certificate")
    ResponseEntity<String> sealingCertificate() {
        return ResponseEntity.ok().contentType(PEM).body(key.certificatePem());
    }
}
