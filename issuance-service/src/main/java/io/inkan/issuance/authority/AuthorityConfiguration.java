package io.inkan.issuance.authority;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.messaging.keys.KeyVault;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA keys, the same for every instance of the service (design rule 12): from a PKCS#11 token
 * ({@code inkan.ca.pkcs11.key-label}), from the bank's PKCS#12 keystore ({@code inkan.ca.keystore}), or by default from
 * the database, where the first instance to start generates them. No instance makes a CA of its own. A bank's CA rolls
 * by configuration: the new one as current, the previous ones in {@code inkan.ca.retired}; the database CA rolls by
 * {@code POST /api/v1/ca/rollover}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaProperties.class)
public class AuthorityConfiguration {
    @Bean
    // The vault's table comes with the migrations: the CA is loaded only once Flyway has run.
    @DependsOnDatabaseInitialization
    IssuingCas issuingCas(
            CaProperties ca,
            CertificateProperties certificates,
            ObjectProvider<KeyVault> vault,
            JdbcClient jdbc,
            Clock clock) {
        if (ca.keystore() == null && !ca.pkcs11().configured()) {
            if (!ca.retired().isEmpty()) {
                throw new IllegalStateException("Refusing to start: inkan.ca.retired is set but the CA is the one kept"
                        + " in the database, whose retired CAs are kept there too; roll it with POST"
                        + " /api/v1/ca/rollover, or configure the current CA (inkan.ca.keystore or inkan.ca.pkcs11)");
            }
            // The vault refuses to exist without inkan.keys.encryption-key, naming it: no CA is made unwrapped.
            return CaVault.loadOrGenerate(vault.getObject(), jdbc, ca.keyAlgorithm(), certificates.validity(), clock);
        }
        List<Signer> configured = configured(ca, certificates, clock.instant());
        return IssuingCas.fixed(configured.getFirst(), configured.subList(1, configured.size()), clock);
    }

    /** The configured current CA, then the retired ones as listed (newest first). */
    private static List<Signer> configured(CaProperties ca, CertificateProperties certificates, Instant now) {
        for (CaProperties.Retired old : ca.retired()) {
            boolean inKeystore = old.keystore() != null;
            boolean onToken = old.keyLabel() != null && !old.keyLabel().isBlank();
            if (inKeystore == onToken) {
                throw new IllegalStateException("Refusing to start: each inkan.ca.retired[n] names either a keystore"
                        + " (inkan.ca.retired[n].keystore) or a key on the token (inkan.ca.retired[n].key-label), not "
                        + (inKeystore ? "both" : "neither") + ": " + old);
            }
            if (onToken && !ca.pkcs11().configured()) {
                throw new IllegalStateException("Refusing to start: inkan.ca.retired[n].key-label names a key on the"
                        + " token of inkan.ca.pkcs11, but the current CA is not on a token: " + old);
            }
            if (inKeystore
                    && (old.keystorePassword() == null || old.keystorePassword().isBlank())) {
                throw new IllegalStateException("Refusing to start: inkan.ca.retired[n].keystore-password must be set"
                        + " with inkan.ca.retired[n].keystore " + old.keystore());
            }
        }
        List<Signer> signers = new ArrayList<>();
        if (ca.pkcs11().configured()) {
            if (ca.keystore() != null) {
                throw new IllegalStateException("Refusing to start: both inkan.ca.keystore and"
                        + " inkan.ca.pkcs11.* are set; the CA key is in one place, so set only one");
            }
            List<CaProperties.Retired> onToken =
                    ca.retired().stream().filter(old -> old.keystore() == null).toList();
            List<Signer> opened = Pkcs11Token.open(ca.pkcs11(), ca.chain(), onToken, certificates.validity(), now);
            signers.add(opened.getFirst());
            Iterator<Signer> retiredOnToken = opened.subList(1, opened.size()).iterator();
            for (CaProperties.Retired old : ca.retired()) {
                signers.add(old.keystore() == null ? retiredOnToken.next() : retiredKeystore(old, now));
            }
            return checkDistinct(signers);
        }
        if (ca.keystorePassword() == null || ca.keystorePassword().isBlank()) {
            throw new IllegalStateException(CaProperties.PASSWORD_REQUIRED);
        }
        signers.add(CaKeystore.open(
                ca.keystore(),
                ca.keystorePassword().toCharArray(),
                ca.issuingAlias(),
                ca.rootAlias(),
                certificates.validity(),
                now));
        for (CaProperties.Retired old : ca.retired()) {
            signers.add(retiredKeystore(old, now));
        }
        return checkDistinct(signers);
    }

    private static Signer retiredKeystore(CaProperties.Retired old, Instant now) {
        return CaKeystore.openRetired(
                old.keystore(), old.keystorePassword().toCharArray(), old.issuingAlias(), old.rootAlias(), now);
    }

    /** The same CA twice (the current one listed as retired too) would make two CRLs of one CA: refused. */
    private static List<Signer> checkDistinct(List<Signer> signers) {
        Set<String> keyIds = new HashSet<>();
        for (Signer signer : signers) {
            if (!keyIds.add(signer.keyId())) {
                throw new IllegalStateException("Refusing to start: the issuing CA "
                        + signer.issuingCertificate().getSubjectX500Principal().getName()
                        + " is configured twice (inkan.ca and inkan.ca.retired, or twice in inkan.ca.retired)");
            }
        }
        return signers;
    }
}
