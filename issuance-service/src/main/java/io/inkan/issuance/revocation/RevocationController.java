package io.inkan.issuance.revocation;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /crl} and {@code POST /ocsp}: how relying parties learn that a certificate is no longer good. */
@RestController
class RevocationController {
    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

    private final CrlPublisher crl;
    private final OcspResponder ocsp;

    RevocationController(CrlPublisher crl, OcspResponder ocsp) {
        this.crl = crl;
        this.ocsp = ocsp;
    }

    @GetMapping("/crl")
    ResponseEntity<byte[]> crl() {
        return ResponseEntity.ok().contentType(PKIX_CRL).body(crl.current());
    }

    @PostMapping(
            value = "/ocsp",
            consumes = {"application/ocsp-request", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<byte[]> ocsp(@RequestBody byte[] request) {
        return ResponseEntity.ok().contentType(OCSP_RESPONSE).body(ocsp.respond(request));
    }
}
