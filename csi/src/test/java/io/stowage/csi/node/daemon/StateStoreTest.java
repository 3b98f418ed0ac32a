package io.stowage.csi.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    private static VolumeRecord record(String volumeId) {
        StageRequest request = new StageRequest(volumeId, "bucket", "", Path.of("/staging/" + volumeId.hashCode()),
                "s3fs", List.of("-o", "use_cache=/tmp"),
                new S3Access(URI.create("http://127.0.0.1:9000"), "us-east-1", "AK", "secret-key", false, null), false);
        return VolumeRecord.staging(request)
                .withTarget(new PublishedTarget(Path.of("/pods/a/target"), false))
                .withTarget(new PublishedTarget(Path.of("/pods/b/target with space"), true))
                .withMounter(4242, 1_700_000_000_123L);
    }

    @Test
    void recordsSurviveTheRoundTripInPrivateFiles(@TempDir Path dir) throws Exception {
        Path stateDir = dir.resolve("state");
        StateStore store = new StateStore(stateDir);
        VolumeRecord first = record("pvc-1");
        VolumeRecord second = record("bucket/prefix/with/slashes");

        store.write(first);
        store.write(second);
        store.write(second.withoutTarget(Path.of("/pods/a/target")));

        assertThat(new StateStore(stateDir).readAll())
                .containsExactlyInAnyOrder(first, second.withoutTarget(Path.of("/pods/a/target")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
        try (var files = Files.list(stateDir.resolve("volumes"))) {
            assertThat(files).hasSize(2).allSatisfy(file -> {
                assertThat(file.getFileName().toString()).matches("[0-9a-f]{32}\\.json");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            });
        }
    }

    @Test
    void deleteRemovesTheRecordAndTheVolumesFiles(@TempDir Path dir) throws Exception {
        StateStore store = new StateStore(dir);
        VolumeRecord record = record("pvc-1");
        store.write(record);
        Path files = store.filesOf("pvc-1").dir();
        Files.createDirectories(files.resolve("cache/vfs"));
        Files.writeString(files.resolve("cache/vfs/file"), "x");

        store.delete("pvc-1");
        store.delete("pvc-1");

        assertThat(store.readAll()).isEmpty();
        assertThat(files).doesNotExist();
    }

    @Test
    void anUnreadableRecordIsSkipped(@TempDir Path dir) throws Exception {
        StateStore store = new StateStore(dir);
        store.write(record("pvc-1"));
        Files.writeString(dir.resolve("volumes/0123.json"), "{not json");

        assertThat(store.readAll()).extracting(VolumeRecord::volumeId).containsExactly("pvc-1");
    }

    @Test
    void keysAreStableAndDifferPerVolume() {
        assertThat(StateStore.key("pvc-1")).isEqualTo(StateStore.key("pvc-1")).hasSize(32)
                .isNotEqualTo(StateStore.key("pvc-2"));
    }

    @Test
    void theRecordPrintsNoSecret() {
        assertThat(record("pvc-1").toString()).doesNotContain("secret-key").contains("pvc-1");
    }
}
