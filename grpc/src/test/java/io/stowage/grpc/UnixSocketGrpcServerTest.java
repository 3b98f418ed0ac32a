package io.stowage.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketGrpcServerTest {

    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsNamedAndNotCreated() {
        Path socket = dir.resolve("absent/driver.sock");

        assertThatThrownBy(() -> UnixSocketGrpcServer.start(socket, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(socket.toString()).hasMessageContaining("does not exist");
        assertThat(socket.getParent()).doesNotExist();
    }

    @Test
    void aDirectoryInTheSocketsPlaceIsRefused() throws IOException {
        Path socket = Files.createDirectory(dir.resolve("driver.sock"));

        assertThatThrownBy(() -> UnixSocketGrpcServer.start(socket, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory");
    }

    @Test
    void aStaleSocketFileIsReplacedAndTheSocketIsRemovedAtStop() throws IOException {
        Path socket = Files.writeString(dir.resolve("driver.sock"), "left by an earlier run");

        UnixSocketGrpcServer server = UnixSocketGrpcServer.start(socket, List.of());
        assertThat(socket).exists();
        assertThat(Files.isRegularFile(socket)).as("a socket now, not the old file").isFalse();
        server.close();
        server.close();

        assertThat(socket).doesNotExist();
    }
}
