package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.stowage.cli.it.OperatorLauncher;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged launcher running `stowage operator` against fabric8's mock API server: the
 * metrics port serves and reports ready while it runs, and the process stops its controllers and exits 0.
 */
class OperatorShutdownIT {

    @TempDir
    Path dir;

    private KubernetesMockServer apiServer;

    @BeforeEach
    void startApiServer() {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
    }

    @AfterEach
    void stopApiServer() {
        apiServer.destroy();
    }

    @Test
    void sigtermStopsTheOperatorAndExitsZero() throws Exception {
        Path kubeconfig = OperatorLauncher.mockKubeconfig(dir.resolve("kubeconfig"),
                "http://" + apiServer.getHostName() + ":" + apiServer.getPort());
        try (OperatorLauncher operator = OperatorLauncher.start(kubeconfig, dir.resolve("operator.log"),
                List.of("--namespaces=apps"))) {
            assertThat(operator.status("/metrics")).as("metrics from the fat jar").isEqualTo(200);

            assertThat(operator.terminate()).as(operator.log()).isZero();
            assertThat(operator.log()).contains("Stopping the operator", "Operator stopped");
        }
    }
}
