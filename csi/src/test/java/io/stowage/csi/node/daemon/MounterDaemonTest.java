package io.stowage.csi.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.node.MountException;
import io.stowage.csi.node.MounterClient;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.protocol.LineChannel;
import io.stowage.csi.node.protocol.MounterReply;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon over its real socket, for every answer that needs no mounter: arguments, states, the socket. */
class MounterDaemonTest {

    @TempDir
    Path dir;
    private MounterDaemon daemon;
    private MounterClient client;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("run/mounter.sock");
        Files.createDirectories(dir.resolve("empty-bin"));
        daemon = MounterDaemon.start(config(dir.resolve("state")));
        client = new MounterClient(socket, Duration.ofSeconds(10));
    }

    private MounterConfig config(Path stateDir) {
        // no mounter installed in this search path
        return new MounterConfig(socket, stateDir, Duration.ofSeconds(5), Duration.ofSeconds(5),
                List.of(dir.resolve("empty-bin")));
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private StageRequest stage(String mounter, List<String> options) {
        return new StageRequest("pvc-1", "bucket", "", dir.resolve("staging"), mounter, options,
                new S3Access(URI.create("http://127.0.0.1:9"), null, "AK", "SK", false, null), false);
    }

    @Test
    void theSocketIsTheOwnersOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        try (var files = Files.list(socket.getParent())) {
            assertThat(files).containsExactly(socket);
        }
    }

    @Test
    void badArgumentsAreInvalid() {
        assertReason(() -> client.stage(stage("goofys", List.of())), MountException.Reason.INVALID, "unknown mounter");
        assertReason(() -> client.stage(stage("rclone", List.of("--daemon"))), MountException.Reason.INVALID, "--daemon");
        assertReason(() -> client.stage(stage("s3fs", List.of())), MountException.Reason.INVALID,
                "s3fs is not installed");
        assertReason(() -> client.stage(new StageRequest("", "b", "", dir, "s3fs", null,
                new S3Access(URI.create("http://h:1"), null, "a", "s", false, null), false)),
                MountException.Reason.INVALID, "volume id");
        assertReason(() -> client.stage(new StageRequest("v", "b", "/p/", dir, "s3fs", null,
                new S3Access(URI.create("http://h:1"), null, "a", "s", false, null), false)),
                MountException.Reason.INVALID, "slash");
        assertReason(() -> client.stage(new StageRequest("v", "b", "", Path.of("relative"), "s3fs", null,
                new S3Access(URI.create("http://h:1"), null, "a", "s", false, null), false)),
                MountException.Reason.INVALID, "absolute");
        assertReason(() -> client.stage(new StageRequest("v", "b", "", dir, "s3fs", null,
                new S3Access(URI.create("ftp://h:1"), null, "a", "s", false, null), false)),
                MountException.Reason.INVALID, "http or https");
        assertReason(() -> client.publish(new PublishRequest("v", dir.resolve("s"), dir.resolve("s"), false)),
                MountException.Reason.INVALID, "is the staging path");
        assertReason(() -> client.unpublish("v", dir.resolve("a/../b")), MountException.Reason.INVALID, "normalized");
    }

    @Test
    void publishingWhatIsNotStagedFailsItsPrecondition() {
        assertReason(() -> client.publish(new PublishRequest("pvc-1", dir.resolve("staging"), dir.resolve("target"), false)),
                MountException.Reason.NOT_STAGED, "not staged at " + dir.resolve("staging"));
        assertThat(dir.resolve("target")).doesNotExist();
    }

    @Test
    void undoingWhatIsNotThereSucceedsAndRemovesTheTargetDirectory() throws IOException {
        Path target = Files.createDirectories(dir.resolve("pods/a/target"));

        client.unpublish("pvc-1", target);
        client.unpublish("pvc-1", target);
        client.unstage("pvc-1", dir.resolve("staging"));

        assertThat(target).doesNotExist();
    }

    @Test
    void aMalformedRequestIsInvalid() throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("{\"op\":\"explode\"}\n".getBytes(StandardCharsets.UTF_8)));
            MounterReply reply = new LineChannel(channel).read(MounterReply.class);

            assertThat(reply.error()).isEqualTo(MountException.Reason.INVALID);
            assertThat(reply.message()).startsWith("malformed request");
        }
    }

    @Test
    void aSecondDaemonOnTheSameStateIsRefused() {
        assertThatThrownBy(() -> MounterDaemon.start(config(dir.resolve("state"))))
                .isInstanceOf(IOException.class).hasMessageContaining("another mount daemon");
    }

    @Test
    void aStoppedDaemonLeavesItsStateToTheNext() throws IOException {
        daemon.close();
        daemon = MounterDaemon.start(config(dir.resolve("state")));

        client.unstage("pvc-1", dir.resolve("staging"));
        assertThat(socket).exists();
    }

    @Test
    void aClientWithoutDaemonIsUnavailable() {
        daemon.close();

        assertReason(() -> client.unstage("pvc-1", dir.resolve("staging")), MountException.Reason.UNAVAILABLE,
                "cannot reach the mount daemon");
        assertThat(socket).doesNotExist();
    }

    private static void assertReason(ThrowingCallable call, MountException.Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOf(MountException.class).hasMessageContaining(message)
                .extracting(e -> ((MountException) e).reason()).isEqualTo(reason);
    }
}
