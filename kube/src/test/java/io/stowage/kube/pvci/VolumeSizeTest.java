package io.stowage.kube.pvci;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class VolumeSizeTest {

    @Test
    void smallSourcesGetTheOneGibMinimum() {
        assertThat(VolumeSize.of(0, 25)).isEqualTo(new Quantity("1024Mi"));
        assertThat(VolumeSize.of(104_000, 25)).isEqualTo(new Quantity("1024Mi"));
    }

    @Test
    void theOverageIsAddedAndRoundedUpToWholeMib() {
        long tenGib = 10L * 1024 * 1024 * 1024;
        assertThat(VolumeSize.of(tenGib, 25)).isEqualTo(new Quantity("12800Mi"));
        assertThat(VolumeSize.of(tenGib + 1, 0)).isEqualTo(new Quantity("10241Mi"));
        assertThat(VolumeSize.of(tenGib, 0)).isEqualTo(new Quantity("10240Mi"));
    }
}
