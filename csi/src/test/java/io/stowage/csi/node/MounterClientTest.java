package io.stowage.csi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted peer on a real unix socket: what it sends, and each way an answer can go. */
class MounterClientTest {

    @TempDir
    Path dir;

    @Test
    void sendsOneJsonLineAndTakesTheReply() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (ServerSocketChannel _ = serve(peer -> {
            received.complete(readLine(peer));
            write(peer, "{}\n");
        })) {
            new MounterClient(dir.resolve("s.sock")).unpublish("pvc-1", Path.of("/pods/a/target"));
        }
        assertThat(received.get()).isEqualTo("{\"op\":\"unpublish\",\"volumeId\":\"pvc-1\",\"targetPath\":\"/pods/a/target\"}");
    }

    @Test
    void aFailureReplyBecomesTheTypedException() throws Exception {
        try (ServerSocketChannel _ = serve(peer -> {
            readLine(peer);
            write(peer, "{\"error\":\"CONFLICT\",\"message\":\"target belongs to volume pvc-2\"}\n");
        })) {
            assertThatThrownBy(() -> new MounterClient(dir.resolve("s.sock")).unpublish("pvc-1", Path.of("/t")))
                    .isInstanceOf(MountException.class).hasMessage("target belongs to volume pvc-2")
                    .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.CONFLICT);
        }
    }

    @Test
    void aPeerThatHangsUpOrDoesNotAnswerIsUnavailable() throws Exception {
        try (ServerSocketChannel _ = serve(peer -> readLine(peer))) {
            assertThatThrownBy(() -> new MounterClient(dir.resolve("s.sock")).unstage("pvc-1", Path.of("/s")))
                    .isInstanceOf(MountException.class).hasMessageContaining("without a reply")
                    .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.UNAVAILABLE);
        }
        try (ServerSocketChannel _ = serve("slow.sock", peer -> sleep(Duration.ofSeconds(5)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new MounterClient(dir.resolve("slow.sock"), Duration.ofMillis(300))
                    .unstage("pvc-1", Path.of("/s")))
                    .isInstanceOf(MountException.class).hasMessageContaining("did not answer")
                    .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void noDaemonIsUnavailable() {
        assertThatThrownBy(() -> new MounterClient(dir.resolve("none.sock")).unstage("pvc-1", Path.of("/s")))
                .isInstanceOf(MountException.class).hasMessageContaining("cannot reach the mount daemon")
                .extracting(e -> ((MountException) e).reason()).isEqualTo(MountException.Reason.UNAVAILABLE);
    }

    /** A peer that accepts one connection and runs {@code script} on it. */
    private ServerSocketChannel serve(Consumer<SocketChannel> script) throws IOException {
        return serve("s.sock", script);
    }

    private ServerSocketChannel serve(String name, Consumer<SocketChannel> script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve(name)));
        Thread.ofVirtual().start(() -> {
            try (SocketChannel peer = server.accept()) {
                script.accept(peer);
            } catch (IOException e) {
                // the test is over
            }
        });
        return server;
    }

    private static String readLine(SocketChannel peer) {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (peer.read(one.clear()) == 1 && one.get(0) != '\n') {
                line.append((char) one.get(0));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return line.toString();
    }

    private static void write(SocketChannel peer, String text) {
        try {
            peer.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
