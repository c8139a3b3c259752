package io.inkan.issuance.authority;

import io.inkan.issuance.security.Caller;
import io.inkan.messaging.http.ProblemException;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/ca/rollover}, operators only: the database CA rolls to a new issuing CA under the same root. New
 * certificates are signed by the new one from then on, on every instance; the previous one stays in the chain and keeps
 * signing the CRL and OCSP answers of the certificates it issued. 201 with the new CA; 200 with the CA another
 * instance's concurrent roll made (the first stored wins); 409 where the CA cannot roll here (a bank's CA, rolled by
 * configuration, or a database CA whose root key was never kept).
 */
@RestController
@Tag(name = "Certificate authority operations", description = "For bank operators: rolling the issuing CA.")
@SecurityRequirement(name = "bearer")
class CaRolloverController {
    private static final Logger audit = LoggerFactory.getLogger("io.inkan.issuance.audit");

    private final IssuingCas cas;
    private final Clock clock;

    CaRolloverController(IssuingCas cas, Clock clock) {
        this.cas = cas;
        this.clock = clock;
    }

    @Operation(summary = "Roll to a new issuing CA", description = """
                    For an operator, with the CA in the database: a new issuing CA under the same root, used by every \
                    instance from its next issuance at the latest. The previous one stays in the chain and keeps signing \
                    its CRL and the OCSP answers for its certificates. A bank's own CA rolls by configuration instead.""")
    @ApiResponse(responseCode = "201", description = "Rolled: the new CA, the previous one's key ID and the chain.")
    @ApiResponse(responseCode = "200", description = "Another instance's roll won at the same moment: the CA it made.")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator")
    @ProblemResponse(
            status = 409,
            code = "CA_CONFIGURED",
            description = "the issuing CA comes from configuration (a bank's own CA): roll it by configuration")
    @ProblemResponse(
            status = 409,
            code = "CA_ROOT_KEY_NOT_KEPT",
            description = "a database CA made before rolls existed, whose root key was not kept")
    @PostMapping("/api/v1/ca/rollover")
    ResponseEntity<Body> rollover(@AuthenticationPrincipal Jwt token) {
        Caller caller =
                Caller.of(token.getClaimAsString("realm"), token.getSubject(), token.getClaimAsString("contractId"));
        if (!caller.isOperator()) {
            throw new AccessDeniedException("only an operator rolls the CA");
        }
        IssuingCas.Rolled rolled;
        try {
            rolled = cas.roll(clock.instant());
        } catch (IssuingCas.RollRefused e) {
            throw new ProblemException(HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
        Signer current = rolled.current();
        audit.info(
                "CA rollover by operator {}: issuing CA {} (key {}) is current, {} (key {}) is retired{}",
                caller.id(),
                current.issuingCertificate().getSubjectX500Principal().getName(),
                current.keyId(),
                rolled.previous().issuingCertificate().getSubjectX500Principal().getName(),
                rolled.previous().keyId(),
                rolled.madeHere() ? "" : " (made by a concurrent rollover)");
        return ResponseEntity.status(rolled.madeHere() ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Body(
                        current.keyId(),
                        current.issuingCertificate().getSubjectX500Principal().getName(),
                        current.issuingCertificate().getNotAfter().toInstant().toString(),
                        rolled.previous().keyId(),
                        Pem.of(cas.chain())));
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "IssuingCa") // not "Body": the name is the API's
    record Body(String keyId, String subject, String notAfter, String previousKeyId, String chainPem) {}
}
