package io.stowage.csi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.node.daemon.MounterConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MounterMainTest {

    @Test
    void takesTheSocketAndTheStateDirectory() {
        MounterConfig config = MounterMain.parse(new String[] {"--state-dir", "/var/lib/stowage-csi", "--socket", "/run/m.sock"});

        assertThat(config.socket()).isEqualTo(Path.of("/run/m.sock"));
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/stowage-csi"));
        assertThat(config.mountTimeout()).isEqualTo(MounterConfig.DEFAULT_MOUNT_TIMEOUT);
    }

    @Test
    void refusesMissingAndUnknownArguments() {
        assertThatThrownBy(() -> MounterMain.parse(new String[] {"--socket", "/run/m.sock"}))
                .hasMessageContaining("required");
        assertThatThrownBy(() -> MounterMain.parse(new String[] {"--socket"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> MounterMain.parse(new String[] {"--verbose", "1"})).hasMessageContaining("unknown");
    }
}
