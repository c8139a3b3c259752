package io.inkan.auth.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The waiters' bound and bookkeeping: a flood of waiting GETs meets a bound, and none stays behind. */
class OutcomeWatchTest {
    private final OutcomeWatch watch = new OutcomeWatch(2, null, null);

    @Test
    void beyondTheBoundNoMoreWaitUntilOneHasLeft() {
        CompletableFuture<Void> first = watch.register("R1").orElseThrow();
        assertThat(watch.register("R1")).isPresent();

        assertThat(watch.register("R2"))
                .as("a third waiter is answered at once")
                .isEmpty();
        assertThat(watch.waiting()).isEqualTo(2);

        first.cancel(false); // its client went away
        assertThat(watch.waiting()).isEqualTo(1);
        assertThat(watch.register("R2")).isPresent();
    }

    @Test
    void anOutcomeWakesTheWaitersOfItsRequestAloneAndTheyLeave() {
        CompletableFuture<Void> a = watch.register("R1").orElseThrow();
        CompletableFuture<Void> b = watch.register("R2").orElseThrow();

        // outside a transaction and off PostgreSQL: at once
        watch.recorded("R1");

        assertThat(a).isCompleted();
        assertThat(b).isNotDone();
        assertThat(watch.waiting()).isEqualTo(1);
        watch.wakeAll();
        assertThat(b).isCompleted();
        assertThat(watch.waiting()).isZero();
    }
}
