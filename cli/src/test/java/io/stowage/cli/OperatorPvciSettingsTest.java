package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.kube.pvci.PvciSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `stowage operator`'s PVCi API settings: off by default, on with an address, a token file and the populator. */
class OperatorPvciSettingsTest {

    @TempDir
    Path dir;

    private static OperatorCommand command(Map<String, String> env, String... args) {
        OperatorCommand command = new OperatorCommand();
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(new ServerDefaults(env, Map.of()));
        line.parseArgs(args);
        return command;
    }

    private static java.util.Optional<PvciSettings> pvci(OperatorCommand command) {
        return command.pvci(command.config());
    }

    @Test
    void offByDefault() {
        assertThat(pvci(command(Map.of(), "--provisioners", "populator"))).isEmpty();
    }

    @Test
    void theEnvironmentTurnsItOnWithTheTokenReadFromItsFile() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t-token\n");
        PvciSettings settings = pvci(command(Map.of("STOWAGE_PVCI_ADDRESS", "0.0.0.0:8070",
                "STOWAGE_PVCI_TOKEN_FILE", token.toString(), "STOWAGE_PROVISIONERS", "populator"))).orElseThrow();
        assertThat(settings.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 8070));
        assertThat(settings.token()).isEqualTo("s3cr3t-token");
        assertThat(settings.overagePercent()).isEqualTo(25);
        assertThat(settings.toString()).doesNotContain("s3cr3t");
        assertThat(pvci(command(Map.of(), "--provisioners", "populator", "--pvci-address", "127.0.0.1:1",
                "--pvci-token-file", token.toString(), "--pvci-volume-overage-pct", "10")).orElseThrow().overagePercent())
                .isEqualTo(10);
    }

    @Test
    void itNeedsTheTokenAndThePopulator() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "t");
        assertThatThrownBy(() -> pvci(command(Map.of(), "--provisioners", "populator", "--pvci-address", "127.0.0.1:1")))
                .hasMessageContaining("--pvci-token-file");
        assertThatThrownBy(() -> pvci(command(Map.of(), "--pvci-address", "127.0.0.1:1", "--pvci-token-file",
                token.toString()))).hasMessageContaining("populator");
        assertThatThrownBy(() -> pvci(command(Map.of(), "--provisioners", "populator", "--pvci-address", "127.0.0.1:1",
                "--pvci-token-file", dir.resolve("missing").toString()))).hasMessageContaining("cannot read");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> pvci(command(Map.of(), "--provisioners", "populator", "--pvci-address", "127.0.0.1:1",
                "--pvci-token-file", empty.toString()))).hasMessageContaining("empty");
    }
}
