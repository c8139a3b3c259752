package io.inkan.issuance.revocation;

import io.inkan.events.RevocationReason;
import io.inkan.issuance.authority.IssuingCas;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.certificate.CertificateQueries;
import io.inkan.issuance.certificate.RevocationsChanged;
import io.inkan.issuance.certificate.RevokedCertificate;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One CRL per issuing CA, signed by that CA and listing only the certificates it issued: signed again inside every
 * transaction that revokes (so the revocation and the CRL that lists it commit together), and again when half of its
 * validity has passed. The CRLs live in the database ({@code crl}, a row per CA by its key ID), so every instance
 * serves the same ones, and each row's lock orders that CA's CRL numbers.
 */
@Component
class CrlPublisher {
    private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

    private final JdbcClient jdbc;
    private final CertificateQueries certificates;
    private final IssuingCas cas;
    private final IssuanceProperties issuance;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** The CAs whose rows are known to exist. */
    private volatile Set<String> rows = Set.of();
    /** The entries of the CRLs this instance signed last. */
    private final LastCrls last = new LastCrls();

    CrlPublisher(
            JdbcClient jdbc,
            CertificateQueries certificates,
            IssuingCas cas,
            IssuanceProperties issuance,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.cas = cas;
        this.issuance = issuance;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** {@code GET /crl}: the oldest known CA's CRL, which its certificates name ({@link IssuingCas#crlPath}). */
    byte[] current() {
        cas.refresh();
        return currentOf(cas.oldest());
    }

    /** {@code GET /ca/crl/<keyId>.crl}: that CA's CRL; empty for a CA not known (or no longer valid). */
    Optional<byte[]> of(String keyId) {
        cas.refresh();
        return cas.byKeyId(keyId).map(this::currentOf);
    }

    private byte[] currentOf(Signer ca) {
        ensureRows();
        String der = der(ca);
        if (der.isEmpty()) {
            transactions.executeWithoutResult(status -> regenerate(ca, clock.instant(), null));
            der = der(ca);
        }
        return Base64.getDecoder().decode(der);
    }

    private String der(Signer ca) {
        return jdbc.sql("SELECT der_base64 FROM crl WHERE issuer_key_id = ?")
                .param(ca.keyId())
                .query(String.class)
                .single();
    }

    /**
     * Revocations change the CRLs of the CAs whose certificates were revoked; every known CA's is signed again, inside
     * the revoking transaction (they are few, and a CRL signed once more is harmless). Once per transaction, just
     * before it commits: a consumer applies a poll's records in one transaction, and a load of renewals (each
     * revoking the certificate it supersedes) would otherwise sign every CRL once per record, holding the CRL rows'
     * locks from the first revocation to the commit.
     */
    @EventListener
    void on(RevocationsChanged event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            regenerateAll(event.at(), List.of(event.revoked()));
            return;
        }
        if (TransactionSynchronizationManager.getResource(pendingRegeneration) instanceof Pending pending) {
            pending.add(event);
            return;
        }
        Pending pending = new Pending();
        pending.add(event);
        TransactionSynchronizationManager.bindResource(pendingRegeneration, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                regenerateAll(pending.latest, pending.revoked);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(pendingRegeneration);
            }
        });
    }

    /** The key under which a transaction notes that its revocations still need the CRLs signed again. */
    private final Object pendingRegeneration = new Object();

    /** A transaction's revocations, until it signs the CRLs again just before it commits. */
    private static final class Pending {
        private Instant latest;
        private final List<RevokedCertificate> revoked = new ArrayList<>();

        void add(RevocationsChanged event) {
            latest = latest == null || event.at().isAfter(latest) ? event.at() : latest;
            revoked.add(event.revoked());
        }
    }

    private void regenerateAll(Instant now, List<RevokedCertificate> revoked) {
        ensureRows();
        for (Signer ca : cas.all()) {
            regenerate(ca, now, revoked);
        }
    }

    /** Signs a new CRL for each CA when half of its current one's validity has passed (see {@link CrlConfiguration}). */
    void refresh() {
        try {
            cas.refresh();
            ensureRows();
            for (Signer ca : cas.all()) {
                transactions.executeWithoutResult(status -> {
                    Instant now = clock.instant();
                    var state = jdbc.sql("SELECT this_update, next_update FROM crl WHERE issuer_key_id = ? FOR UPDATE")
                            .param(ca.keyId())
                            .query((rs, n) -> new Instant[] {
                                rs.getObject("this_update", OffsetDateTime.class)
                                        .toInstant(),
                                rs.getObject("next_update", OffsetDateTime.class)
                                        .toInstant()
                            })
                            .single();
                    Instant half =
                            state[0].plus(Duration.between(state[0], state[1]).dividedBy(2));
                    if (!now.isBefore(half)) {
                        regenerate(ca, now, null);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("CRL refresh failed; the next check tries again: {}", e.toString());
        }
    }

    /**
     * Signs {@code ca}'s CRL of its revoked, unexpired certificates; runs in the caller's transaction. With
     * {@code revokedHere} (what this transaction revoked), the entries of the CRL this instance signed last are used
     * when the row still carries its number ({@link LastCrls}); without, or when it does not, they are read from
     * the database (a periodic refresh always reads them, so nothing kept in memory outlives half a CRL's validity).
     */
    private void regenerate(Signer ca, Instant now, List<RevokedCertificate> revokedHere) {
        long previous = jdbc.sql("SELECT crl_number FROM crl WHERE issuer_key_id = ? FOR UPDATE")
                .param(ca.keyId())
                .query(Long.class)
                .single();
        long number = previous + 1;
        Instant nextUpdate = issuance.crlValidity().addTo(now);
        X509Certificate issuer = ca.issuingCertificate();
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            extensions.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(new JcaX509CertificateHolder(issuer)));
            List<LastCrls.Listed> entries = (revokedHere == null
                            ? Optional.<List<LastCrls.Listed>>empty()
                            : last.entriesOf(ca.keyId(), previous))
                    .map(kept -> extended(kept, ca.keyId(), revokedHere, now))
                    .orElseGet(() -> certificates.revokedUnexpired(ca.keyId(), now).stream()
                            .map(CrlPublisher::listed)
                            .toList());
            byte[] der = CrlEncoder.signEncoded(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    now,
                    nextUpdate,
                    entries.stream().map(LastCrls.Listed::der).toList(),
                    extensions.generate(),
                    ca.contentSigner());
            jdbc.sql("UPDATE crl SET crl_number = ?, this_update = ?, next_update = ?, der_base64 = ?"
                            + " WHERE issuer_key_id = ?")
                    .params(
                            number,
                            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                            OffsetDateTime.ofInstant(nextUpdate, ZoneOffset.UTC),
                            Base64.getEncoder().encodeToString(der),
                            ca.keyId())
                    .update();
            log.debug( // once per revoking transaction: a renewal load would fill the log
                    "CRL {} of CA {} signed with {} entries, next update {}",
                    number,
                    ca.keyId(),
                    entries.size(),
                    nextUpdate);
            LastCrls.Signed signed = last.signing(ca.keyId(), number, entries);
            whenEnded(committed -> last.settle(ca.keyId(), signed, committed));
        } catch (IOException | CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot sign CRL " + number + " of CA " + ca.keyId(), e);
        }
    }

    /** The kept entries still unexpired, and after them this transaction's revocations of {@code keyId}'s certificates. */
    private static List<LastCrls.Listed> extended(
            List<LastCrls.Listed> kept, String keyId, List<RevokedCertificate> revokedHere, Instant now) {
        List<RevokedCertificate> added = revokedHere.stream()
                .filter(revoked -> keyId.equals(revoked.issuerKeyId())
                        && revoked.notAfter().isAfter(now))
                .toList();
        Set<String> serials =
                added.stream().map(RevokedCertificate::serialNumber).collect(Collectors.toSet());
        List<LastCrls.Listed> entries = new ArrayList<>(kept.size() + added.size());
        for (LastCrls.Listed listed : kept) {
            if (listed.notAfter().isAfter(now) && !serials.contains(listed.serialNumber())) {
                entries.add(listed);
            }
        }
        added.forEach(revoked -> entries.add(listed(revoked)));
        return entries;
    }

    private static LastCrls.Listed listed(RevokedCertificate revoked) {
        CrlEncoder.Entry entry = new CrlEncoder.Entry(
                new BigInteger(revoked.serialNumber(), 16),
                revoked.revokedAt(),
                RevocationReason.fromName(revoked.revocationReason()).code());
        return new LastCrls.Listed(revoked.serialNumber(), revoked.notAfter(), entry.der());
    }

    /** Tells {@code action} whether the caller's transaction committed, once it has ended; at once when there is none. */
    private static void whenEnded(Consumer<Boolean> action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.accept(true);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.accept(status == STATUS_COMMITTED);
            }
        });
    }

    /**
     * A row for each known CA. The row kept from before CAs could roll (issuer_key_id NULL) goes to the CA whose
     * signature its CRL carries, or to the oldest CA when no CRL was signed yet, so that CA's CRL numbers go on rising.
     */
    private void ensureRows() {
        List<Signer> known = cas.all();
        Set<String> ids = known.stream().map(Signer::keyId).collect(Collectors.toUnmodifiableSet());
        if (rows.containsAll(ids)) {
            return;
        }
        adoptUnownedRow(known);
        for (Signer ca : known) {
            for (int attempt = 0; !hasRow(ca); attempt++) {
                if (attempt > 10) {
                    throw new IllegalStateException("cannot make the CRL row of CA " + ca.keyId());
                }
                long id = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM crl")
                        .query(Long.class)
                        .single();
                // A concurrent instance may take the id or make the row first: nothing is inserted then, and the loop
                // reads again.
                jdbc.sql("INSERT INTO crl (id, crl_number, this_update, next_update, der_base64, issuer_key_id)"
                                + " VALUES (?, 0, ?, ?, '', ?) ON CONFLICT DO NOTHING")
                        .params(id, epoch(), epoch(), ca.keyId())
                        .update();
            }
        }
        rows = ids;
    }

    private boolean hasRow(Signer ca) {
        return jdbc.sql("SELECT COUNT(*) FROM crl WHERE issuer_key_id = ?")
                        .param(ca.keyId())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void adoptUnownedRow(List<Signer> known) {
        List<Object[]> unowned = jdbc.sql("SELECT id, der_base64 FROM crl WHERE issuer_key_id IS NULL ORDER BY id")
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("der_base64")})
                .list();
        for (Object[] row : unowned) {
            String der = (String) row[1];
            Optional<Signer> owner = der.isEmpty() ? Optional.of(known.getLast()) : signerOf(der, known);
            if (owner.isPresent() && !hasRow(owner.get())) {
                jdbc.sql("UPDATE crl SET issuer_key_id = ? WHERE id = ? AND issuer_key_id IS NULL")
                        .params(owner.get().keyId(), row[0])
                        .update();
            }
        }
    }

    private static Optional<Signer> signerOf(String der, List<Signer> known) {
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(Base64.getDecoder().decode(der)));
            for (Signer ca : known) {
                try {
                    crl.verify(ca.issuingCertificate().getPublicKey());
                    return Optional.of(ca);
                } catch (GeneralSecurityException e) {
                    // another CA's
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            log.warn("The stored CRL cannot be read; a new one is signed: {}", e.toString());
        }
        return Optional.empty();
    }

    private static OffsetDateTime epoch() {
        return OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
    }
}
