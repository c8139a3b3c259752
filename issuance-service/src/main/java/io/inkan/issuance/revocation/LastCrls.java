package io.inkan.issuance.revocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each CA's CRL listed when this instance last signed it, by CRL number, with each entry's encoding. A CRL is
 * signed again in every transaction that revokes, and lists every revoked, unexpired certificate of its CA: read
 * from the database and encoded each time, that list was most of the cost of a renewal under load (issue 15's
 * profile: half of the issuance consumer's time, for a few thousand entries).
 *
 * <p>The kept list is used only when the CRL row still carries its number, read under the row's lock. Every
 * revocation signs the CRL again in its own transaction, which raises the number, so an unchanged number means no
 * revocation has committed since, on this instance or any other. Anything else (another instance signed since,
 * this instance started, a transaction rolled back) reads the list from the database, as before.
 */
final class LastCrls {
    /** One listed certificate: its encoded CRL entry, and when it expires and leaves the list. */
    record Listed(String serialNumber, Instant notAfter, byte[] der) {}

    private record Signed(long number, List<Listed> entries) {}

    private final ConcurrentHashMap<String, Signed> byCa = new ConcurrentHashMap<>();

    /** The entries of CRL {@code number} of CA {@code keyId}, if it is the last this instance signed. */
    Optional<List<Listed>> entriesOf(String keyId, long number) {
        Signed signed = byCa.get(keyId);
        return signed != null && signed.number() == number ? Optional.of(signed.entries()) : Optional.empty();
    }

    /** Keeps the entries of CRL {@code number}, once the transaction that signed it has committed. */
    void committed(String keyId, long number, List<Listed> entries) {
        Signed signed = new Signed(number, List.copyOf(entries));
        // two consumer threads may commit out of order: keep the later CRL
        byCa.merge(keyId, signed, (kept, fresh) -> fresh.number() > kept.number() ? fresh : kept);
    }

    /** Forgets everything: the next CRL of every CA is read from the database. */
    void forget() {
        byCa.clear();
    }
}
