package io.inkan.events;

import java.time.Instant;

/**
 * A bank web front end asks for a certificate over Kafka. {@code sealedCredentials} is base64 DER of
 * CMS AuthEnvelopedData (AES-GCM, RSA-OAEP) for auth-service's sealing certificate, holding {@code {"requestId",
 * "sealedAt", "contractId", "userId", "password"}} or {@code "loginId"} instead of contract and user.
 */
public record CertificateRequestSubmitted(
        String requestId, String sealedCredentials, String csrPem, Instant submittedAt) implements FrontendRequest {
    public CertificateRequestSubmitted {
        Require.present(requestId, "requestId");
        Require.present(sealedCredentials, "sealedCredentials");
        Require.present(csrPem, "csrPem");
    }

    @Override
    public String key() {
        return requestId;
    }
}
