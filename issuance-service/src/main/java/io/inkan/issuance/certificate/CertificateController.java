package io.inkan.issuance.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkan.issuance.security.Caller;
import io.inkan.messaging.http.ProblemException;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/certificates/{serialNumber}} (docs/contract.md §4): names the contract and user a certificate belongs
 * to, so it needs a token (the filter chain lets only operators and administrators in).
 *
 * <p>Who learns what, so that nobody learns which serials exist in another contract:
 *
 * <ul>
 *   <li>an operator: 200, or 404 when this CA never issued the serial;
 *   <li>an administrator: 200 for a certificate of their own contract; 403 for any other serial, whether it belongs
 *       to another contract or does not exist at all, so the answer is the same either way.
 * </ul>
 */
@RestController
@Tag(name = "Certificates", description = "What this CA issued, for operators and contract administrators.")
@SecurityRequirement(name = "bearer")
class CertificateController {
    private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{1,64}");

    private final CertificateQueries queries;

    CertificateController(CertificateQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "One certificate by its serial number", description = """
                    Whose it is, its status and its PEM. The token must be an operator's, or that of the administrator \
                    of the certificate's contract; an administrator gets 403 for any other serial, whether it belongs to \
                    another contract or does not exist, so the answer says nothing of other contracts.""")
    @ApiResponse(
            responseCode = "200",
            description = "The certificate; `revokedAt` and `revocationReason` only when revoked.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"serialNumber\":\"5f3a…\",\"contractId\":\"C0012345\",\"userId\":\"U001\","
                                                            + "\"status\":\"REVOKED\",\"notBefore\":\"2027-04-01T03:00:00Z\","
                                                            + "\"notAfter\":\"2028-04-01T03:00:00Z\",\"revokedAt\":\"2027-06-01T03:00:00Z\","
                                                            + "\"revocationReason\":\"keyCompromise\",\"pem\":\"-----BEGIN CERTIFICATE-----…\"}")))
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description =
                    "a user's token, or an administrator asking for a serial that is not of their contract (or does not exist)")
    @ProblemResponse(
            status = 404,
            code = "NOT_FOUND",
            description = "an operator asking for a serial this CA never issued")
    @GetMapping("/api/v1/certificates/{serialNumber}")
    ResponseEntity<?> certificate(@PathVariable String serialNumber, @AuthenticationPrincipal Jwt token) {
        Caller caller =
                Caller.of(token.getClaimAsString("realm"), token.getSubject(), token.getClaimAsString("contractId"));
        Optional<CertificateRecord> found = SERIAL.matcher(serialNumber).matches()
                ? queries.find(serialNumber.toLowerCase(Locale.ROOT))
                : Optional.empty();
        if (!caller.isOperator()
                && found.filter(c -> caller.administers(c.contractId())).isEmpty()) {
            throw new AccessDeniedException("not the administrator of this certificate's contract");
        }
        return found.<ResponseEntity<?>>map(c -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new Body(
                                c.serialNumber(),
                                c.contractId(),
                                c.userId(),
                                c.status().name(),
                                c.notBefore().toString(),
                                c.notAfter().toString(),
                                c.revokedAt() == null ? null : c.revokedAt().toString(),
                                c.revocationReason(),
                                c.pem())))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such certificate."));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.swagger.v3.oas.annotations.media.Schema(name = "Certificate") // not "Body": the name is the API's
    record Body(
            String serialNumber,
            String contractId,
            String userId,
            String status,
            String notBefore,
            String notAfter,
            String revokedAt,
            String revocationReason,
            String pem) {}
}
