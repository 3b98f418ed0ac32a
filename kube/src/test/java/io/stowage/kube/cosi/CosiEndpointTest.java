package io.stowage.kube.cosi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosiEndpointTest {

    @Test
    void readsCosisUnixUrl() {
        CosiEndpoint endpoint = CosiEndpoint.parse(CosiEndpoint.DEFAULT);

        assertThat(endpoint.socket()).isEqualTo(Path.of("/var/lib/cosi/cosi.sock"));
        assertThat(endpoint).hasToString("unix:///var/lib/cosi/cosi.sock");
    }

    @Test
    void refusesOtherSchemesRelativePathsAndNamesNotEndingInSock() {
        for (String bad : new String[] {"tcp://127.0.0.1:9000", "/var/lib/cosi/cosi.sock", "unix://cosi.sock",
                "unix:///var/lib/cosi/cosi", null}) {
            assertThatThrownBy(() -> CosiEndpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unix:///");
        }
    }
}
