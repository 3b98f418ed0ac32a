package io.stowage.csi.node.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesTheContentWithTheGivenPermissionsAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("record.json");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);

        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
