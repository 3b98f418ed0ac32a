package io.stowage.cluster.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.cluster.LocalEngine;
import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.error.UnavailableException;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.store.RocksEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob copies between engines over loopback: pushes that wait for a majority, fetches, dead and silent peers. */
class BlobPeersTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    private LocalEngine engine(String name) {
        LocalEngine engine = new LocalEngine(RocksEngine.open(new EngineConfig(dir.resolve(name), 16, true)));
        open.add(engine);
        return engine;
    }

    private InetSocketAddress serve(LocalEngine engine) throws IOException {
        BlobPeerServer server = new BlobPeerServer(engine, dir.resolve("keys"), new InetSocketAddress("127.0.0.1", 0), new PeerSockets(null));
        open.add(server);
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    private BlobPeers peers(LocalEngine engine, int acksNeeded, InetSocketAddress... others) {
        BlobPeers peers = new BlobPeers(engine, () -> new PeerSet(List.of(others), acksNeeded), new PeerSockets(null));
        open.add(peers);
        return peers;
    }

    private static ObjectBody.Blob write(LocalEngine engine, byte[] data) throws IOException {
        try (BodyWriter writer = engine.use(local -> local.newBody(data.length))) {
            writer.write(ByteBuffer.wrap(data));
            return (ObjectBody.Blob) writer.finish();
        }
    }

    private static byte[] read(FileChannel channel) throws IOException {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // fill
            }
            return buffer.array();
        }
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void aPushReachesThePeersAndAFetchReadsItBack() throws Exception {
        LocalEngine writer = engine("writer");
        LocalEngine second = engine("second");
        LocalEngine third = engine("third");
        byte[] data = random(3 * 1024 * 1024 + 5);
        ObjectBody.Blob blob = write(writer, data);
        peers(writer, 2, serve(second), serve(third)).replicate(blob.blobId(), blob.size());
        assertThat(read(second.use(local -> local.openHeldBlob(blob.blobId())))).isEqualTo(data);
        assertThat(read(third.use(local -> local.openHeldBlob(blob.blobId())))).isEqualTo(data);

        LocalEngine fourth = engine("fourth");
        try (InputStream copy = peers(fourth, 1, serve(engine("empty")), serve(second)).open(blob.blobId())) {
            assertThat(copy.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aPushSucceedsWithAMajorityWhileAPeerIsDown() throws Exception {
        LocalEngine writer = engine("writer");
        LocalEngine second = engine("second");
        ObjectBody.Blob blob = write(writer, random(100_000));
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", unusedPort());
        peers(writer, 1, nobody, serve(second)).replicate(blob.blobId(), blob.size());
        assertThat(holds(second, blob.blobId())).isTrue();
    }

    @Test
    void withoutAMajorityThePushFailsAsUnavailable() throws Exception {
        LocalEngine writer = engine("writer");
        ObjectBody.Blob blob = write(writer, random(100_000));
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", unusedPort());
        InetSocketAddress alsoNobody = new InetSocketAddress("127.0.0.1", unusedPort());
        assertThatThrownBy(() -> peers(writer, 1, nobody, alsoNobody).replicate(blob.blobId(), blob.size()))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("reached 0 of the 2 other nodes");
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersIsGivenUpAtTheDeadline() throws Exception {
        LocalEngine writer = engine("writer");
        ObjectBody.Blob blob = write(writer, random(100_000));
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answer, like a stopped process
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> peers(writer, 1, new InetSocketAddress("127.0.0.1", silent.getLocalPort()))
                    .replicate(blob.blobId(), blob.size()))
                    .isInstanceOf(UnavailableException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).as("gave up after the deadline, not never")
                    .isBetween(4_000L, 30_000L);
            silent.close();
            acceptor.join();
        }
    }

    @Test
    void aBlobNoPeerHoldsIsNoSuchFile() throws Exception {
        LocalEngine writer = engine("writer");
        BlobPeers peers = peers(writer, 1, serve(engine("other")));
        assertThatThrownBy(() -> peers.open("0123456789abcdef0123456789abcdef")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void masterKeyFilesAreCopiedReadableByTheirOwnerOnly() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.write(keys.resolve("master-00000001.key"), random(49));
        LocalEngine reader = engine("reader");
        Path target = Files.createDirectories(dir.resolve("copied"));
        peers(reader, 1).copyMasterKeys(serve(engine("holder")), target);
        Path copy = target.resolve("master-00000001.key");
        assertThat(Files.readAllBytes(copy)).isEqualTo(random(49));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
    }

    @Test
    void aMetadataCopyHoldsWhatTheOtherNodeCommitted() throws Exception {
        LocalEngine holder = engine("holder");
        holder.use(local -> local.applyLogged(new CreateBucket("copied", "us-east-1", "root", 1L), new LogPosition(4, 9)));
        Path target = Files.createDirectories(dir.resolve("meta-copy"));
        peers(engine("reader"), 1).copyMetadata(serve(holder), target);
        Path dataDir = dir.resolve("installed");
        Files.move(target, Files.createDirectories(dataDir).resolve("meta"));
        try (RocksEngine copy = RocksEngine.open(new EngineConfig(dataDir, 0, true))) {
            assertThat(copy.bucket("copied")).isPresent();
            assertThat(copy.appliedLogPosition()).isEqualTo(new LogPosition(4, 9));
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean holds(LocalEngine engine, String blobId) {
        return engine.use(local -> local.holdsBlob(blobId));
    }
}
