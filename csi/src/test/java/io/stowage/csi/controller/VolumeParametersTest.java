package io.stowage.csi.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.stowage.csi.CsiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeParametersTest {

    @Test
    void readsTheKnownParametersAndIgnoresTheProvisionersOwn() throws CsiException {
        VolumeParameters parameters = VolumeParameters.parse(Map.of("mounter", "rclone", "options", "--vfs-cache-mode full",
                "bucket", "shared", "csi.storage.k8s.io/pvc/name", "data", "csi.storage.k8s.io/pvc/namespace", "team"));

        assertThat(parameters).isEqualTo(new VolumeParameters(Optional.of("rclone"), Optional.of("--vfs-cache-mode full"),
                Optional.of("shared"), true));
        assertThat(parameters.volumeContext(new VolumeCapacity(42))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mounter", "rclone", "options", "--vfs-cache-mode full", "bucket", "shared", "capacity", "42"));
        assertThat(VolumeParameters.parse(Map.of()).volumeContext(VolumeCapacity.UNLIMITED)).containsExactly(Map.entry("capacity", "0"));
        assertThat(VolumeParameters.parse(Map.of("bucket", " "))).isEqualTo(VolumeParameters.parse(Map.of()));
    }

    @Test
    void refusesUnknownKeysUnknownMountersAndIllegalBuckets() {
        for (Map<String, String> wrong : List.of(Map.of("bukcet", "shared"), Map.of("mounter", "goofys"),
                Map.of("bucket", "Shared_Bucket"), Map.of("enforceCapacity", "no"))) {
            assertThatThrownBy(() -> VolumeParameters.parse(wrong)).as(wrong.toString())
                    .isInstanceOfSatisfying(CsiException.class, e -> {
                        assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).contains(wrong.keySet().iterator().next());
                    });
        }
    }

    @Test
    void enforceCapacityIsOnUnlessTheStorageClassTurnsItOff() throws CsiException {
        assertThat(VolumeParameters.parse(Map.of()).enforceCapacity()).isTrue();
        assertThat(VolumeParameters.parse(Map.of("enforceCapacity", "true")).enforceCapacity()).isTrue();
        assertThat(VolumeParameters.parse(Map.of("enforceCapacity", "false")).enforceCapacity()).isFalse();
        assertThat(VolumeParameters.parse(Map.of("enforceCapacity", "false")).volumeContext(new VolumeCapacity(42)))
                .doesNotContainKey("enforceCapacity");
    }
}
