package io.stowage.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void addsUserAndSystemTimeAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 40 0 100 0 0";
        assertThat(ProcStat.cpuNanos(stat)).isEqualTo((250 + 75) * 10_000_000L);
    }

    @Test
    void readsARunningProcess() throws Exception {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStat.cpuNanos(self)).isPositive();
    }
}
