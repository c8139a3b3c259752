package io.inkan.admin.initialpassword;

import io.inkan.admin.AuthServiceProperties;
import io.inkan.admin.web.ApiException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The one way initial passwords pass through admin-service: checked against the policy, then sealed
 * for auth-service. They are never stored, logged or published in clear here.
 */
@Component
public class InitialPasswords {
    private final PasswordPolicy policy;
    private final SealingCertificate sealingCertificate;

    InitialPasswords(PasswordPolicyProperties policy, AuthServiceProperties auth, Clock clock) {
        this.policy = policy.policy();
        this.sealingCertificate = new SealingCertificate(auth, clock);
    }

    /** Refuses a password outside the policy, naming {@code field} (the message never repeats the password). */
    public void check(String field, String password) {
        policy.violation(password).ifPresent(reason -> {
            throw ApiException.invalid(field, reason);
        });
    }

    /** The password as base64 DER of CMS AuthEnvelopedData (AES-GCM, RSA-OAEP) for auth-service's sealing certificate. */
    public String seal(String password) {
        return Sealer.seal(password, sealingCertificate.current());
    }
}
