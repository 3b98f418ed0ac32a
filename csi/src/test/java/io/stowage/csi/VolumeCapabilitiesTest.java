package io.stowage.csi;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeCapabilitiesTest {

    private static VolumeCapability.Builder mount(Mode mode) {
        return VolumeCapability.newBuilder().setMount(VolumeCapability.MountVolume.newBuilder().setFsType("ext4"))
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode));
    }

    @Test
    void everyKnownAccessModeOfAMountIsHonoured() {
        List<Mode> known = Arrays.stream(Mode.values()).filter(m -> m != Mode.UNKNOWN && m != Mode.UNRECOGNIZED).toList();

        assertThat(known).hasSize(7);
        for (Mode mode : known) {
            assertThat(VolumeCapabilities.problem(mount(mode).build())).as(mode.name()).isEmpty();
        }
    }

    @Test
    void blockAnUnknownModeAndMissingPartsAreNot() {
        assertThat(VolumeCapabilities.problem(mount(Mode.SINGLE_NODE_WRITER).setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
                .build())).hasValueSatisfying(p -> assertThat(p).contains("block"));
        assertThat(VolumeCapabilities.problem(mount(Mode.UNKNOWN).build())).isPresent();
        assertThat(VolumeCapabilities.problem(mount(Mode.SINGLE_NODE_WRITER).clearAccessMode().build())).isPresent();
        assertThat(VolumeCapabilities.problem(mount(Mode.SINGLE_NODE_WRITER).clearMount().build())).isPresent();
        assertThat(VolumeCapabilities.problem(List.of(mount(Mode.MULTI_NODE_MULTI_WRITER).build(), mount(Mode.UNKNOWN).build())))
                .isPresent();
        assertThat(VolumeCapabilities.problem(List.of())).isEmpty();
    }
}
