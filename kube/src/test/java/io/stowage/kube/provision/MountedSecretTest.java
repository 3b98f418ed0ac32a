package io.stowage.kube.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedSecretTest {

    @TempDir
    Path dir;

    @Test
    void readsTheKeysAsTheKubeletLaysThemOut() throws IOException {
        // The kubelet writes a timestamped directory, points ..data at it, and links every key through ..data.
        Path version = Files.createDirectory(dir.resolve("..2026_11_22_09_00_00.123"));
        Files.writeString(version.resolve("s3Endpoint"), "http://stowage:9000");
        Files.writeString(version.resolve("adminToken"), "token-0123456789abcdef");
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        Files.createSymbolicLink(dir.resolve("s3Endpoint"), Path.of("..data", "s3Endpoint"));
        Files.createSymbolicLink(dir.resolve("adminToken"), Path.of("..data", "adminToken"));

        assertThat(MountedSecret.read(dir))
                .containsOnlyKeys("s3Endpoint", "adminToken")
                .containsEntry("s3Endpoint", "http://stowage:9000");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(() -> MountedSecret.read(dir.resolve("absent"))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent");
    }
}
