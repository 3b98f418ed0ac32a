package io.stowage.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CsiEndpointTest {

    @Test
    void readsTheFormsCsiEndpointTakes() {
        assertThat(CsiEndpoint.parse("unix:///csi/csi.sock").socket()).isEqualTo(Path.of("/csi/csi.sock"));
        assertThat(CsiEndpoint.parse("unix:/csi/csi.sock").socket()).isEqualTo(Path.of("/csi/csi.sock"));
        assertThat(CsiEndpoint.parse("/var/lib/kubelet/plugins/s3.csi.stowage.io/csi.sock").socket())
                .isEqualTo(Path.of("/var/lib/kubelet/plugins/s3.csi.stowage.io/csi.sock"));
        assertThat(CsiEndpoint.parse(" unix:///csi/../csi/csi.sock ").socket()).isEqualTo(Path.of("/csi/csi.sock"));
        assertThat(CsiEndpoint.parse("csi.sock").socket()).isAbsolute();
        assertThat(CsiEndpoint.parse(CsiEndpoint.DEFAULT)).hasToString("unix:///csi/csi.sock");
    }

    @Test
    void refusesOtherSchemesAndEmptyValues() {
        assertThatThrownBy(() -> CsiEndpoint.parse("tcp://127.0.0.1:10000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsiEndpoint.parse("unix://relative/csi.sock")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsiEndpoint.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsiEndpoint.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
