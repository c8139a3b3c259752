package io.inkan.issuance.revocation;

import io.inkan.events.RevocationReason;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.certificate.CertificateQueries;
import io.inkan.issuance.certificate.CertificateRecord;
import io.inkan.issuance.certificate.RevocationsChanged;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CRL: signed again inside every transaction that revokes (so the revocation and the CRL that lists it commit
 * together), and again when half of its validity has passed. It lives in the database, so every instance serves the
 * same CRL, and the row lock orders the CRL numbers.
 */
@Component
class CrlPublisher {
    private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

    private final JdbcClient jdbc;
    private final CertificateQueries certificates;
    private final Signer signer;
    private final IssuanceProperties issuance;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CrlPublisher(
            JdbcClient jdbc,
            CertificateQueries certificates,
            Signer signer,
            IssuanceProperties issuance,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.signer = signer;
        this.issuance = issuance;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The current CRL's DER, signing the first one if none exists yet. */
    byte[] current() {
        String der = jdbc.sql("SELECT der_base64 FROM crl WHERE id = 1")
                .query(String.class)
                .single();
        if (der.isEmpty()) {
            refresh();
            der = jdbc.sql("SELECT der_base64 FROM crl WHERE id = 1")
                    .query(String.class)
                    .single();
        }
        return Base64.getDecoder().decode(der);
    }

    @EventListener
    void on(RevocationsChanged event) {
        regenerate(clock.instant());
    }

    /** Signs a new CRL when half of the current one's validity has passed (see {@link CrlConfiguration}). */
    void refresh() {
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                var state = jdbc.sql("SELECT this_update, next_update FROM crl WHERE id = 1 FOR UPDATE")
                        .query((rs, n) -> new Instant[] {
                            rs.getObject("this_update", OffsetDateTime.class).toInstant(),
                            rs.getObject("next_update", OffsetDateTime.class).toInstant()
                        })
                        .single();
                Instant half = state[0].plus(
                        java.time.Duration.between(state[0], state[1]).dividedBy(2));
                if (!now.isBefore(half)) {
                    regenerate(now);
                }
            });
        } catch (RuntimeException e) {
            log.warn("CRL refresh failed; the next check tries again: {}", e.toString());
        }
    }

    /** Signs a CRL of every revoked, unexpired certificate; runs in the caller's transaction. */
    void regenerate(Instant now) {
        long number = jdbc.sql("SELECT crl_number FROM crl WHERE id = 1 FOR UPDATE")
                        .query(Long.class)
                        .single()
                + 1;
        Instant nextUpdate = issuance.crlValidity().addTo(now);
        X509Certificate issuer = signer.issuingCertificate();
        try {
            var builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(new JcaX509CertificateHolder(issuer)));
            int entries = 0;
            for (CertificateRecord revoked : certificates.revokedUnexpired(now)) {
                builder.addCRLEntry(
                        new BigInteger(revoked.serialNumber(), 16),
                        Date.from(revoked.revokedAt()),
                        RevocationReason.fromName(revoked.revocationReason()).code());
                entries++;
            }
            byte[] der = builder.build(signer.contentSigner()).getEncoded();
            jdbc.sql("UPDATE crl SET crl_number = ?, this_update = ?, next_update = ?, der_base64 = ? WHERE id = 1")
                    .params(
                            number,
                            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                            OffsetDateTime.ofInstant(nextUpdate, ZoneOffset.UTC),
                            Base64.getEncoder().encodeToString(der))
                    .update();
            log.info("CRL {} signed with {} entries, next update {}", number, entries, nextUpdate);
        } catch (IOException | CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot sign CRL " + number, e);
        }
    }
}
