package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.kube.cosi.CosiDriverSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where `stowage cosi-driver` takes each setting from: command line, STOWAGE_* variable, COSI's variable, the pod. */
class CosiDriverSettingsTest {

    @TempDir
    Path dir;

    private CosiDriverSettings parse(Map<String, String> env, String... args) {
        CosiDriverCommand command = new CosiDriverCommand();
        command.env = env;
        command.namespaceFile = dir.resolve("namespace");
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(new ServerDefaults(env, Map.of()));
        line.parseArgs(args);
        return command.settings();
    }

    @Test
    void outsideAPodTheDefaultsAreCosisSocketAndTheDefaultNamespace() {
        CosiDriverSettings settings = parse(Map.of(), "--backend-dir", "/etc/backend");

        assertThat(settings.endpoint().socket()).isEqualTo(Path.of("/var/lib/cosi/cosi.sock"));
        assertThat(settings.driverName()).isEqualTo("cosi.stowage.io");
        assertThat(settings.backendDir()).contains(Path.of("/etc/backend"));
        assertThat(settings.kubernetes()).isFalse();
        assertThat(settings.backendNamespace()).isEqualTo("default");
    }

    @Test
    void inAPodKubernetesIsOnAndTheNamespaceIsThePods() throws Exception {
        Files.writeString(dir.resolve("namespace"), "storage\n");

        CosiDriverSettings settings = parse(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"));

        assertThat(settings.kubernetes()).isTrue();
        assertThat(settings.backendDir()).isEmpty();
        assertThat(settings.backendNamespace()).isEqualTo("storage");
    }

    @Test
    void cosiEndpointSetsTheSocketAndStowageEndpointOrTheCommandLineWin() {
        Map<String, String> cosi = Map.of("COSI_ENDPOINT", "unix:///csi/cosi.sock", "KUBERNETES_SERVICE_HOST", "h");
        assertThat(parse(cosi).endpoint().socket()).isEqualTo(Path.of("/csi/cosi.sock"));

        Map<String, String> both = Map.of("COSI_ENDPOINT", "unix:///csi/cosi.sock", "STOWAGE_ENDPOINT", "unix:///run/s.sock",
                "KUBERNETES_SERVICE_HOST", "h");
        assertThat(parse(both).endpoint().socket()).isEqualTo(Path.of("/run/s.sock"));
        assertThat(parse(both, "--endpoint", "unix:///tmp/x.sock").endpoint().socket()).isEqualTo(Path.of("/tmp/x.sock"));
    }

    @Test
    void theEnvironmentSetsEveryOption() {
        CosiDriverSettings settings = parse(Map.of("STOWAGE_DRIVER_NAME", "s3.example.org", "STOWAGE_BACKEND_DIR", "/b",
                "STOWAGE_KUBERNETES", "true", "STOWAGE_BACKEND_NAMESPACE", "ops"));

        assertThat(settings.driverName()).isEqualTo("s3.example.org");
        assertThat(settings.backendDir()).isEqualTo(Optional.of(Path.of("/b")));
        assertThat(settings.kubernetes()).isTrue();
        assertThat(settings.backendNamespace()).isEqualTo("ops");
    }

    @Test
    void kubernetesCanBeTurnedOffInAPod() {
        assertThat(parse(Map.of("KUBERNETES_SERVICE_HOST", "h"), "--backend-dir", "/b", "--kubernetes=false").kubernetes())
                .isFalse();
    }

    @Test
    void aSocketThatIsNotUnixOrNotDotSockIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--backend-dir", "/b", "--endpoint", "tcp://127.0.0.1:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--endpoint");
        assertThatThrownBy(() -> parse(Map.of(), "--backend-dir", "/b", "--endpoint", "unix:///var/lib/cosi/cosi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".sock");
    }

    @Test
    void withoutAnyBackendTheDriverDoesNotStart() {
        assertThatThrownBy(() -> parse(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--backend-dir");
    }
}
