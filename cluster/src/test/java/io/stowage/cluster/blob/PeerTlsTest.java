package io.stowage.cluster.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.cluster.PeerTls;
import io.stowage.cluster.TestCertificates;
import io.stowage.engine.BodyWriter;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.error.UnavailableException;
import io.stowage.engine.model.ObjectBody;
import io.stowage.cluster.LocalEngine;
import io.stowage.engine.store.RocksEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob port with mutual TLS: peers with certificates of the cluster's CA get through, nobody else does. */
class PeerTlsTest {

    @TempDir
    Path dir;

    private final TestCertificates cluster = new TestCertificates("stowage-test-ca");
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

    private InetSocketAddress serve(LocalEngine engine, PeerTls tls) throws IOException {
        BlobPeerServer server = new BlobPeerServer(engine, dir.resolve("keys"), new InetSocketAddress("127.0.0.1", 0), new PeerSockets(tls));
        open.add(server);
        return new InetSocketAddress("127.0.0.1", server.port());
    }

    private String pushFrom(PeerTls tls, InetSocketAddress to) throws IOException {
        LocalEngine writer = engine("writer-" + open.size());
        byte[] data = new byte[50_000];
        new Random(1).nextBytes(data);
        ObjectBody.Blob blob;
        try (BodyWriter body = writer.use(local -> local.newBody(data.length))) {
            body.write(ByteBuffer.wrap(data));
            blob = (ObjectBody.Blob) body.finish();
        }
        BlobPeers peers = new BlobPeers(writer, () -> new PeerSet(List.of(to), 1), new PeerSockets(tls));
        open.add(peers);
        peers.replicate(blob.blobId(), blob.size());
        return blob.blobId();
    }

    @Test
    void nodesWithCertificatesOfTheClusterCaCopyBlobs() throws Exception {
        LocalEngine receiver = engine("receiver");
        InetSocketAddress port = serve(receiver, cluster.node("n2"));
        String blobId = pushFrom(cluster.node("n1"), port);
        assertThat(holds(receiver, blobId)).isTrue();
        BlobPeers reader = new BlobPeers(engine("reader"), () -> new PeerSet(List.of(port), 1),
                new PeerSockets(cluster.node("n3")));
        open.add(reader);
        try (InputStream copy = reader.open(blobId)) {
            assertThat(copy.readAllBytes()).hasSize(50_000);
        }
    }

    @Test
    void aPeerWithoutAClientCertificateIsRefused() throws Exception {
        LocalEngine receiver = engine("receiver");
        InetSocketAddress port = serve(receiver, cluster.node("n2"));
        assertThatThrownBy(() -> pushFrom(cluster.anonymous(), port)).isInstanceOf(UnavailableException.class);
        List<String> missing = receiver.use(local -> local.missingBlobs(10));
        assertThat(missing).isEmpty();
    }

    @Test
    void aPeerWhoseCertificateAnotherCaSignedIsRefused() throws Exception {
        LocalEngine receiver = engine("receiver");
        InetSocketAddress port = serve(receiver, cluster.node("n2"));
        TestCertificates stranger = new TestCertificates("someone-else");
        assertThatThrownBy(() -> pushFrom(stranger.node("intruder"), port)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aServerWhoseCertificateAnotherCaSignedIsNotTrusted() throws Exception {
        TestCertificates stranger = new TestCertificates("someone-else");
        InetSocketAddress port = serve(engine("impostor"), stranger.node("impostor"));
        assertThatThrownBy(() -> pushFrom(cluster.node("n1"), port)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void plainTcpToTheTlsPortGetsNothing() throws Exception {
        InetSocketAddress port = serve(engine("receiver"), cluster.node("n2"));
        try (Socket plain = new Socket(port.getAddress(), port.getPort())) {
            plain.setSoTimeout(5_000);
            OutputStream out = plain.getOutputStream();
            out.write('G');
            out.write("0123456789abcdef0123456789abcdef".getBytes());
            out.flush();
            int first = plain.getInputStream().read();
            // the TLS server answers a non-TLS record with an alert or by closing, never with the protocol's answer
            assertThat(first).isNotIn((int) BlobWire.HELD, (int) BlobWire.ABSENT, (int) BlobWire.FAILED);
        } catch (IOException reset) {
            // closed on us: refused as well
        }
    }

    private static boolean holds(LocalEngine engine, String blobId) {
        return engine.use(local -> local.holdsBlob(blobId));
    }
}
