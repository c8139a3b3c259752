package io.inkan.issuance.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 *
 * <p>A list is noted while its transaction still holds the row's lock, and settled when the transaction ends. A
 * consumer thread waiting for the lock gets it the moment the other commits, before the other has run anything
 * after its commit: had the list been noted only then, the waiting thread would nearly always miss it (the ninth
 * session's profile: two thirds of the CRL signing under load read the list from the database). So a reader that
 * finds the number it holds waits the few microseconds until that transaction is settled, and uses the list only
 * if it committed: the same number may have been committed by another instance after this one's rolled back.
 */
final class LastCrls {
    /** How long a reader waits for the transaction that signed the number it holds; past it, the database. */
    private static final Duration SETTLING = Duration.ofSeconds(5);

    /** One listed certificate: its encoded CRL entry, and when it expires and leaves the list. */
    record Listed(String serialNumber, Instant notAfter, byte[] der) {}

    /** The list of CRL {@code number}, and whether the transaction that signed it committed, once known. */
    static final class Signed {
        private final long number;
        private final List<Listed> entries;
        private final CompletableFuture<Boolean> committed = new CompletableFuture<>();
        /** A transaction does not wait for itself: it reads the list again if it signs twice. */
        private final Thread signer = Thread.currentThread();

        private Signed(long number, List<Listed> entries) {
            this.number = number;
            this.entries = entries;
        }
    }

    private final ConcurrentHashMap<String, Signed> byCa = new ConcurrentHashMap<>();

    /**
     * The entries of CRL {@code number} of CA {@code keyId}, if this instance signed it last and its transaction
     * committed; call it holding the CRL row's lock, with the number read under it.
     */
    Optional<List<Listed>> entriesOf(String keyId, long number) {
        Signed signed = byCa.get(keyId);
        if (signed == null
                || signed.number != number
                || (signed.signer == Thread.currentThread() && !signed.committed.isDone())) {
            return Optional.empty();
        }
        try {
            return signed.committed.get(SETTLING.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(signed.entries)
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * Notes the entries of CRL {@code number}, signed in a transaction that still holds the row's lock; the caller
     * settles it with {@link #settle} when the transaction ends.
     */
    Signed signing(String keyId, long number, List<Listed> entries) {
        Signed signed = new Signed(number, List.copyOf(entries));
        // the same number again means the transaction that signed it first rolled back: the new one replaces it
        byCa.merge(keyId, signed, (kept, fresh) -> fresh.number >= kept.number ? fresh : kept);
        return signed;
    }

    /** The transaction that signed {@code signed} has ended; a list that did not commit is dropped. */
    void settle(String keyId, Signed signed, boolean committed) {
        if (!committed) {
            byCa.remove(keyId, signed);
        }
        signed.committed.complete(committed);
    }
}
