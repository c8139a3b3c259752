package io.inkan.issuance.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The entries a CRL is signed again from are those of a CRL that committed: a CRL listing a revocation that rolled
 * back, or missing one another instance committed, would be published to every relying party.
 */
class LastCrlsTest {
    private static final String CA = "ca-key";
    private static final LastCrls.Listed FIRST =
            new LastCrls.Listed("0a", Instant.parse("2027-12-01T00:00:00Z"), new byte[] {1});
    private static final LastCrls.Listed SECOND =
            new LastCrls.Listed("0b", Instant.parse("2027-12-02T00:00:00Z"), new byte[] {2});

    private final LastCrls last = new LastCrls();

    @Test
    void aThreadThatGotTheRowLockAsTheSignerCommittedWaitsForTheSignerAndUsesItsList() throws Exception {
        LastCrls.Signed signing = last.signing(CA, 7, List.of(FIRST));

        // the other consumer thread read number 7 the moment the signer's commit released the row
        CompletableFuture<Optional<List<LastCrls.Listed>>> reader =
                CompletableFuture.supplyAsync(() -> last.entriesOf(CA, 7));
        assertThatThrownBy(() -> reader.get(50, TimeUnit.MILLISECONDS))
                .as("not before the signer knows it committed")
                .isInstanceOf(TimeoutException.class);

        last.settle(CA, signing, true);
        assertThat(reader.get(5, TimeUnit.SECONDS)).contains(List.of(FIRST));
    }

    @Test
    void aListWhoseTransactionRolledBackIsNeverUsedEvenWhenAnotherInstanceCommitsItsNumber() throws Exception {
        LastCrls.Signed signing = last.signing(CA, 7, List.of(FIRST, SECOND));
        // another instance may commit its own CRL 7 after this one's rolled back: the reader holds number 7 then
        CompletableFuture<Optional<List<LastCrls.Listed>>> reader =
                CompletableFuture.supplyAsync(() -> last.entriesOf(CA, 7));

        last.settle(CA, signing, false);

        assertThat(reader.get(5, TimeUnit.SECONDS)).as("read from the database").isEmpty();
        assertThat(last.entriesOf(CA, 7)).isEmpty();
    }

    @Test
    void aTransactionThatSignsTwiceDoesNotWaitForItself() {
        last.signing(CA, 7, List.of(FIRST));
        // waiting for its own settling would hold the CRL row's lock until the wait gives up, seconds later
        assertThat(assertTimeout(Duration.ofSeconds(2), () -> last.entriesOf(CA, 7)))
                .as("read from the database")
                .isEmpty();
    }

    @Test
    void onlyTheLastCommittedNumberIsUsedAndSigningItAgainAfterARollbackReplacesIt() {
        last.settle(CA, last.signing(CA, 7, List.of(FIRST)), true);
        assertThat(last.entriesOf(CA, 6)).isEmpty();
        assertThat(last.entriesOf(CA, 8)).as("another instance signed since").isEmpty();
        assertThat(last.entriesOf("another-ca", 7)).isEmpty();

        LastCrls.Signed rolledBack = last.signing(CA, 8, List.of(FIRST, SECOND));
        last.settle(CA, rolledBack, false);
        LastCrls.Signed again = last.signing(CA, 8, List.of(SECOND));
        last.settle(CA, again, true);
        assertThat(last.entriesOf(CA, 8)).contains(List.of(SECOND));
    }
}
