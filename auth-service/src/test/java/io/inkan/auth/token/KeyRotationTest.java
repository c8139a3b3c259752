package io.inkan.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rotation rule every instance applies to the generations in the vault: which generation signs, which the JWKS
 * publishes and which are due for removal, at a given instant. Rotation 30 days, tokens live 15 minutes, a new
 * generation propagates for 3 minutes.
 */
class KeyRotationTest {
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final Duration DELAY = Duration.ofMinutes(3);
    private static final KeyRotation RULE = new KeyRotation(ROTATION, LIFETIME, DELAY);

    /** A period boundary: 30-day periods counted from the epoch. */
    private static final Instant PERIOD = Instant.parse("2026-02-06T00:00:00Z");

    private static final Instant NEXT = PERIOD.plus(ROTATION);

    private record Gen(Instant period, Instant createdAt) implements KeyRotation.Generation {}

    @Test
    void generationsAreNamedByTheirPeriodSoInstancesThatRotateAtOnceProposeTheSameName() {
        assertThat(RULE.periodOf(PERIOD)).isEqualTo(PERIOD);
        assertThat(RULE.periodOf(PERIOD.plus(Duration.ofDays(17)))).isEqualTo(PERIOD);
        assertThat(RULE.periodOf(NEXT.minusMillis(1))).isEqualTo(PERIOD);
        assertThat(RULE.periodOf(NEXT)).isEqualTo(NEXT);
    }

    @Test
    void theNextGenerationIsMadeOneDelayBeforeItsPeriodAndNothingIsMadeTwice() {
        Gen current = new Gen(PERIOD, PERIOD.minus(DELAY));

        assertThat(RULE.periodsToCreate(List.of(), PERIOD.plus(Duration.ofDays(3))))
                .containsExactly(PERIOD);
        assertThat(RULE.periodsToCreate(List.of(current), NEXT.minus(DELAY).minusMillis(1)))
                .isEmpty();
        assertThat(RULE.periodsToCreate(List.of(current), NEXT.minus(DELAY))).containsExactly(NEXT);
        assertThat(RULE.periodsToCreate(List.of(current, new Gen(NEXT, NEXT.minus(DELAY))), NEXT.minus(DELAY)))
                .isEmpty();
    }

    @Test
    void aPreparedGenerationIsPublishedAtOnceButSignsOnlyFromItsPeriod() {
        Gen old = new Gen(PERIOD, PERIOD.minus(DELAY));
        Gen prepared = new Gen(NEXT, NEXT.minus(DELAY));
        List<Gen> both = List.of(old, prepared);

        Instant justBefore = NEXT.minusMillis(1);
        assertThat(RULE.signer(both, justBefore)).contains(old);
        assertThat(RULE.published(both, justBefore)).containsExactly(prepared, old);

        assertThat(RULE.signer(both, NEXT)).contains(prepared);
        assertThat(RULE.published(both, NEXT)).containsExactly(prepared, old);
    }

    @Test
    void theOldGenerationStaysPublishedUntilItsLastTokenHasExpiredThenIsDueForRemoval() {
        Gen old = new Gen(PERIOD, PERIOD.minus(DELAY));
        Gen prepared = new Gen(NEXT, NEXT.minus(DELAY));
        List<Gen> both = List.of(old, prepared);
        Instant lastTokenOfOldExpires = NEXT.plus(LIFETIME);

        assertThat(RULE.published(both, lastTokenOfOldExpires)).contains(old);
        assertThat(RULE.dueForRemoval(both, lastTokenOfOldExpires)).isEmpty();

        Instant removal = lastTokenOfOldExpires.plus(DELAY);
        assertThat(RULE.dueForRemoval(both, removal.minusMillis(1))).isEmpty();
        assertThat(RULE.dueForRemoval(both, removal)).containsExactly(old);
        assertThat(RULE.published(both, removal)).containsExactly(prepared);
        assertThat(RULE.dueForRemoval(both, removal.plus(ROTATION.multipliedBy(5))))
                .containsExactly(old);
    }

    @Test
    void aGenerationMadeLateSignsOnlyOnceItHasPropagatedAndTheOldOneSignsMeanwhile() {
        Gen old = new Gen(PERIOD, PERIOD.minus(DELAY));
        Instant madeAt = NEXT.plus(Duration.ofHours(5)); // every instance was down when it was due
        Gen late = new Gen(NEXT, madeAt);
        List<Gen> both = List.of(old, late);

        assertThat(RULE.signer(both, madeAt.plus(DELAY).minusMillis(1))).contains(old);
        assertThat(RULE.published(both, madeAt)).containsExactly(late, old);
        assertThat(RULE.signer(both, madeAt.plus(DELAY))).contains(late);
        assertThat(RULE.dueForRemoval(
                        both, madeAt.plus(DELAY).plus(LIFETIME).plus(DELAY).minusMillis(1)))
                .isEmpty();
        assertThat(RULE.dueForRemoval(both, madeAt.plus(DELAY).plus(LIFETIME).plus(DELAY)))
                .containsExactly(old);
    }

    @Test
    void onTheVeryFirstStartTheOnlyGenerationSignsAtOnceAndIsNeverRemovedAlone() {
        Instant firstStart = PERIOD.plus(Duration.ofDays(4));
        Gen only = new Gen(PERIOD, firstStart);

        assertThat(RULE.signer(List.of(only), firstStart)).contains(only);
        assertThat(RULE.published(List.of(only), firstStart)).containsExactly(only);
        assertThat(RULE.dueForRemoval(List.of(only), firstStart.plus(ROTATION.multipliedBy(10))))
                .isEmpty();
        assertThat(RULE.signer(List.of(), firstStart)).isEmpty();
    }

    @Test
    void aRotationNoLongerThanATokensLifeAndTheDelayIsRefused() {
        assertThatThrownBy(() -> new KeyRotation(Duration.ofMinutes(18), LIFETIME, DELAY))
                .hasMessageContaining("inkan.auth.token.key-rotation");
    }
}
