package io.inkan.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When each generation of token signing keys is made, signs, and is forgotten: the same answer on every instance,
 * from nothing but the generations in the vault and the time.
 *
 * <ul>
 *   <li>Generations are named by the start of their rotation period, counted from the epoch in whole periods, so
 *       instances that rotate at once propose the same name and the vault keeps one of them.
 *   <li>A generation is made one propagation delay before its period starts, and is published at once; it signs
 *       from the later of its period's start and its creation plus the delay. By then every instance has reloaded
 *       the vault (the delay spans several refreshes), so every instance's JWKS holds the key before its first
 *       token appears.
 *   <li>The newest generation allowed to sign signs. When none is allowed yet (the very first start, when no
 *       instance holds any key that another lacks) the newest one signs at once rather than none.
 *   <li>A generation stops signing when a newer one starts; it stays published until the last token it signed has
 *       expired, plus the delay for clocks and refreshes a little behind, and is then removed.
 * </ul>
 */
final class KeyRotation {
    /** What the rule needs to know of a generation. */
    interface Generation {
        /** The start of its rotation period (its name). */
        Instant period();

        /** When the vault stored it. */
        Instant createdAt();
    }

    private final Duration rotation;
    private final Duration lifetime;
    private final Duration delay;

    KeyRotation(Duration rotation, Duration lifetime, Duration delay) {
        if (!rotation.isPositive() || !rotation.minus(lifetime).minus(delay).isPositive()) {
            throw new IllegalArgumentException(
                    "inkan.auth.token.key-rotation must be longer than the token lifetime and the propagation delay");
        }
        this.rotation = rotation;
        this.lifetime = lifetime;
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    /** The start of the rotation period that holds {@code instant}. */
    Instant periodOf(Instant instant) {
        long millis = rotation.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
    }

    /**
     * The periods whose generations should exist at {@code now}: the current one, and the next once it is less than
     * a delay away. None that {@code existing} already covers with itself or a newer generation.
     */
    List<Instant> periodsToCreate(List<? extends Generation> existing, Instant now) {
        Instant current = periodOf(now);
        Instant next = current.plus(rotation);
        Optional<Instant> newest = existing.stream().map(Generation::period).max(Comparator.naturalOrder());
        return (now.isBefore(next.minus(delay)) ? List.of(current) : List.of(current, next))
                .stream()
                        .filter(period -> newest.isEmpty() || newest.get().isBefore(period))
                        .toList();
    }

    /** From when {@code generation} may sign. */
    Instant signsFrom(Generation generation) {
        Instant propagated = generation.createdAt().plus(delay);
        return propagated.isAfter(generation.period()) ? propagated : generation.period();
    }

    /** The generation that signs at {@code now}; empty only when there is none at all. */
    <G extends Generation> Optional<G> signer(List<G> generations, Instant now) {
        Comparator<G> byPeriod = Comparator.comparing(Generation::period);
        Optional<G> allowed =
                generations.stream().filter(g -> !signsFrom(g).isAfter(now)).max(byPeriod);
        return allowed.isPresent() ? allowed : generations.stream().max(byPeriod);
    }

    /** The generations whose public keys the JWKS serves at {@code now}. */
    <G extends Generation> List<G> published(List<G> generations, Instant now) {
        return generations.stream()
                .filter(g -> !dueForRemoval(g, generations, now))
                .sorted(Comparator.comparing(Generation::period).reversed())
                .toList();
    }

    /** The generations no token still alive at {@code now} can have been signed with. */
    <G extends Generation> List<G> dueForRemoval(List<G> generations, Instant now) {
        return generations.stream()
                .filter(g -> dueForRemoval(g, generations, now))
                .toList();
    }

    private boolean dueForRemoval(Generation generation, List<? extends Generation> generations, Instant now) {
        // it stopped signing when the first newer generation started to
        Optional<Instant> stoppedSigning = generations.stream()
                .filter(g -> g.period().isAfter(generation.period()))
                .map(this::signsFrom)
                .filter(from -> !from.isAfter(now))
                .min(Comparator.naturalOrder());
        return stoppedSigning
                .map(stopped -> !now.isBefore(stopped.plus(lifetime).plus(delay)))
                .orElse(false);
    }
}
