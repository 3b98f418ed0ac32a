package io.stowage.kube.populator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PopulatorProgressTest {

    @Test
    void theLastProgressLineOfTheTailWins() {
        String tail = "progress: 10/1200+ objects, 0.5 MiB/56.3 MiB+, 1.0 MiB/s, 0 failed, 0 refused, 1 s\n"
                + "refused key 'a//b': empty path segment\n"
                + "progress: 420/1200 objects, 19.7 MiB/56.3 MiB, 48.2 MiB/s, 0 failed, 1 refused, 12 s\n"
                + "some other line\n";
        assertThat(PopulatorProgress.latest(tail))
                .hasValue("420/1200 objects, 19.7 MiB/56.3 MiB, 48.2 MiB/s, 0 failed, 1 refused, 12 s");
    }

    @Test
    void aLogWithoutProgressHasNone() {
        assertThat(PopulatorProgress.latest(null)).isEmpty();
        assertThat(PopulatorProgress.latest("")).isEmpty();
        assertThat(PopulatorProgress.latest("starting\nprogress: \n")).isEmpty();
    }
}
