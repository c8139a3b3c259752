package io.inkan.auth.sealing;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SealingCertificateController {
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final SealingKey key;

    SealingCertificateController(SealingKey key) {
        this.key = key;
    }

    @GetMapping("/api/v1/sealing-certificate")
    ResponseEntity<String> sealingCertificate() {
        return ResponseEntity.ok().contentType(PEM).body(key.certificatePem());
    }
}
