package io.inkan.issuance.revocation;

import io.inkan.messaging.http.ProblemException;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /crl}, {@code GET /ca/crl/<keyId>.crl}, {@code POST /ocsp} and {@code GET /ocsp/{request}}: how relying parties learn that a certificate
 * is no longer good. All public. The OCSP routes read at most {@code inkan.http.max-body-size} (64 KiB) of a body
 * themselves, so they stay safe even where no service-wide body limit stands in front of them.
 */
@RestController
@Tag(
        name = "Certificate authority",
        description = "Public, no token: what relying parties need to trust and check certificates.")
class RevocationController {
    static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");
    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

    private final CrlPublisher crl;
    private final OcspResponder ocsp;
    private final Clock clock;
    private final int maxBody;

    RevocationController(
            CrlPublisher crl,
            OcspResponder ocsp,
            Clock clock,
            @Value("${inkan.http.max-body-size:64KB}") DataSize maxBody) {
        this.crl = crl;
        this.ocsp = ocsp;
        this.clock = clock;
        this.maxBody = Math.toIntExact(maxBody.toBytes());
    }

    @Operation(summary = "The CRL", description = """
                    The CRL (DER) of the oldest issuing CA still valid: the address every certificate issued before any \
                    CA roll carries. Each CA's own CRL is at `/ca/crl/{keyId}.crl`.""")
    @ApiResponse(
            responseCode = "200",
            description = "The CRL, DER.",
            content =
                    @Content(mediaType = "application/pkix-crl", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/crl")
    ResponseEntity<byte[]> crl() {
        return ResponseEntity.ok().contentType(PKIX_CRL).body(crl.current());
    }

    /** Each issuing CA's CRL by its key ID, current and retired alike: where certificates of a rolled-to CA point. */
    @Operation(summary = "One issuing CA's CRL", description = """
                    Signed by that CA and listing only its certificates, current and retired CAs alike. `keyId` is the \
                    lowercase hex SHA-1 of the CA's public key bits (OCSP's issuerKeyHash).""")
    @ApiResponse(
            responseCode = "200",
            description = "The CRL, DER.",
            content =
                    @Content(mediaType = "application/pkix-crl", schema = @Schema(type = "string", format = "binary")))
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no issuing CA of this service has that key ID")
    @GetMapping("/ca/crl/{keyId}.crl")
    ResponseEntity<byte[]> crlOf(@PathVariable String keyId) {
        return crl.of(keyId.toLowerCase(java.util.Locale.ROOT))
                .map(der -> ResponseEntity.ok().contentType(PKIX_CRL).body(der))
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "NOT_FOUND", "No issuing CA of this service has that key ID."));
    }

    @Operation(
            summary = "OCSP (RFC 6960)",
            description = """
                    The DER OCSP request as the body (`application/ocsp-request`), as `openssl ocsp -url` sends it. The \
                    answer is signed by the issuing CA the CertID names; after a CA roll, ask with the CA that issued \
                    the certificate.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/ocsp-request",
                                            schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(
            responseCode = "200",
            description = """
                    A signed OCSP response (good, revoked or unknown per CertID), signed by the issuing CA the CertID \
                    names; or unsigned with status unauthorized for a CA this service does not run, or internalError.""",
            content =
                    @Content(
                            mediaType = "application/ocsp-response",
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(
            responseCode = "400",
            description = "The request is not an OCSP request: an OCSP response with status malformedRequest.",
            content =
                    @Content(
                            mediaType = "application/ocsp-response",
                            schema = @Schema(type = "string", format = "binary")),
            extensions =
                    @Extension(
                            properties =
                                    @ExtensionProperty(
                                            name = ProblemResponse.NOT_A_PROBLEM,
                                            value =
                                                    "OCSP answers a malformed request in its own protocol (RFC 6960 §2.3), which OCSP clients read")))
    @ProblemResponse(
            status = 415,
            code = "UNSUPPORTED_MEDIA_TYPE",
            description = "the body is neither application/ocsp-request nor application/octet-stream")
    @PostMapping(
            value = "/ocsp",
            consumes = {"application/ocsp-request", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<?> ocsp(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBody) {
            throw tooLarge();
        }
        // never more than one byte past the limit, whatever the body (chunked, or lying about its length)
        byte[] body = request.getInputStream().readNBytes(maxBody + 1);
        if (body.length > maxBody) {
            throw tooLarge();
        }
        return answer(ocsp.respond(body), null);
    }

    /**
     * RFC 5019 §5: the DER request, base64-encoded and then URL-encoded, as the rest of the path. Clients differ in
     * how much they encode, so '+', '/' and '=' are accepted raw or percent-encoded ({@code %2B}, {@code %2F},
     * {@code %3D}); a '+' is always a base64 character here, never a space. The raw request URI is read, because
     * the decoded path has lost {@code //} and cannot tell an encoded '/' from a real one.
     */
    @Operation(summary = "OCSP over GET (RFC 5019)", description = """
                    The rest of the path is the DER OCSP request, base64 and then URL-encoded (`+`, `/` and `=` raw or \
                    percent-encoded). A signed answer carries cache headers (`Cache-Control: max-age`, `ETag`, \
                    `Last-Modified`, `Expires`), fresh until the responder would sign it again, so HTTP caches may keep it; \
                    `If-None-Match` with its ETag answers 304.""")
    @ApiResponse(
            responseCode = "200",
            description = """
                    A signed OCSP response (good, revoked or unknown per CertID), signed by the issuing CA the CertID \
                    names; or unsigned with status unauthorized for a CA this service does not run, or internalError.""",
            content =
                    @Content(
                            mediaType = "application/ocsp-response",
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified: the ETag in If-None-Match is still the answer.")
    @ApiResponse(
            responseCode = "400",
            description = "The request is not an OCSP request: an OCSP response with status malformedRequest.",
            content =
                    @Content(
                            mediaType = "application/ocsp-response",
                            schema = @Schema(type = "string", format = "binary")),
            extensions =
                    @Extension(
                            properties =
                                    @ExtensionProperty(
                                            name = ProblemResponse.NOT_A_PROBLEM,
                                            value =
                                                    "OCSP answers a malformed request in its own protocol (RFC 6960 §2.3), which OCSP clients read")))
    @GetMapping("/ocsp/**")
    ResponseEntity<?> ocspGet(
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return answer(ocsp.respond(fromUrl(path.substring("/ocsp/".length()))), ifNoneMatch);
    }

    /** The DER of an RFC 5019 GET request's path; empty (so: malformedRequest) when it is not base64. */
    static byte[] fromUrl(String encoded) {
        try {
            String base64 = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.US_ASCII);
            boolean urlAlphabet = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            return (urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /**
     * A signed answer carries RFC 5019 §6 cache headers: fresh until the responder would sign it again (half of its
     * validity), so HTTP caches in front of this service can answer the flood instead.
     */
    private ResponseEntity<byte[]> answer(OcspResponder.Answer answer, String ifNoneMatch) {
        if (!answer.signed()) {
            HttpStatus status =
                    answer.outcome() == OcspResponder.Outcome.MALFORMED ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
            return ResponseEntity.status(status).contentType(OCSP_RESPONSE).body(answer.der());
        }
        long maxAge = Math.max(
                0, Duration.between(clock.instant(), answer.refreshAt()).toSeconds());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(OCSP_RESPONSE);
        headers.setCacheControl("max-age=" + maxAge + ", public, no-transform, must-revalidate");
        headers.setLastModified(answer.thisUpdate());
        headers.setExpires(answer.nextUpdate().toEpochMilli());
        headers.setETag(answer.etag());
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(answer.etag()) || ifNoneMatch.strip().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .headers(headers)
                    .build();
        }
        return ResponseEntity.ok().headers(headers).body(answer.der());
    }

    private ProblemException tooLarge() {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "The request body is larger than " + maxBody + " bytes.");
    }
}
