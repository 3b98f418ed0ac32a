package io.stowage.probes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final Readiness readiness = new Readiness();

    @Test
    void startsNotReadyThenReadyThenDraining() {
        assertThat(readiness.state()).isEqualTo(Readiness.State.STARTING);
        readiness.markReady();
        assertThat(readiness.state()).isEqualTo(Readiness.State.READY);
        readiness.markDraining();
        assertThat(readiness.state()).isEqualTo(Readiness.State.DRAINING);
    }

    @Test
    void neverBecomesReadyAgainOnceDraining() {
        readiness.markDraining();
        readiness.markReady();

        assertThat(readiness.state()).isEqualTo(Readiness.State.DRAINING);
    }
}
