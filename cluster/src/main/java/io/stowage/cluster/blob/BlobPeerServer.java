package io.stowage.cluster.blob;

import io.stowage.cluster.LocalEngine;
import io.stowage.engine.store.MetadataInstall;
import io.stowage.engine.store.blob.BlobStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts blob copies from the other nodes and sends them the blobs they lack ({@link BlobWire}). */
public final class BlobPeerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobPeerServer.class);
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final LocalEngine engine;
    private final Path masterKeys;
    private final ServerSocket socket;
    private final Thread acceptor;

    /** @param masterKeys the directory of the SSE-S3 master keys, which nodes that lack them copy */
    public BlobPeerServer(LocalEngine engine, Path masterKeys, InetSocketAddress bind, PeerSockets sockets) throws IOException {
        this.engine = engine;
        this.masterKeys = masterKeys;
        this.socket = sockets.listen(bind);
        this.acceptor = Thread.ofPlatform().name("blob-peer-accept").daemon(true).start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().name("blob-peer").start(() -> serve(connection));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.warn("Cannot accept a blob connection", e);
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(READ_TIMEOUT_MILLIS);
            connection.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()));
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            byte op = in.readByte();
            if (op == BlobWire.METADATA) {
                sendMetadata(out);
                return;
            }
            if (op == BlobWire.MASTER_KEYS) {
                if (Files.isDirectory(masterKeys)) {
                    out.writeByte(BlobWire.HELD);
                    BlobWire.writeDirectory(out, masterKeys);
                } else {
                    out.writeByte(BlobWire.FAILED);
                }
                out.flush();
                return;
            }
            String blobId = BlobWire.readId(in);
            if (!BlobStore.isBlobId(blobId)) {
                out.writeByte(BlobWire.FAILED);
                return;
            }
            switch (op) {
                case BlobWire.PUSH -> receive(blobId, in, out);
                case BlobWire.GET -> send(blobId, out);
                default -> out.writeByte(BlobWire.FAILED);
            }
            out.flush();
        } catch (IOException e) {
            LOG.debug("A blob connection from {} failed", connection.getRemoteSocketAddress(), e);
        }
    }

    private void receive(String blobId, DataInputStream in, DataOutputStream out) throws IOException {
        if (engine.use(local -> local.holdsBlob(blobId))) {
            out.writeByte(BlobWire.HELD);
            return;
        }
        out.writeByte(BlobWire.SEND);
        out.flush();
        long length = in.readLong();
        engine.use(local -> local.storeCopy(blobId, new ExactLengthInputStream(in, length)));
        out.writeByte(BlobWire.HELD);
    }

    private void send(String blobId, DataOutputStream out) throws IOException {
        FileChannel blob;
        try {
            blob = engine.use(local -> local.openHeldBlob(blobId));
        } catch (NoSuchFileException e) {
            out.writeByte(BlobWire.ABSENT);
            return;
        }
        try (blob) {
            out.writeByte(BlobWire.HELD);
            BlobWire.writeBlob(out, blob, blob.size());
        }
    }

    /** A consistent copy of this node's metadata, taken now, for a node that lacks log entries no longer kept. */
    private void sendMetadata(DataOutputStream out) throws IOException {
        Path copy = MetadataInstall.checkpointPath(engine.dataDir());
        try {
            engine.use(local -> {
                local.checkpointMetadata(copy);
                return null;
            });
            out.writeByte(BlobWire.HELD);
            BlobWire.writeDirectory(out, copy);
        } finally {
            MetadataInstall.deleteCopy(copy);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
