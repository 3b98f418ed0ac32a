package io.stowage.cluster.blob;

import io.stowage.engine.BlobSource;
import io.stowage.engine.error.UnavailableException;
import io.stowage.cluster.LocalEngine;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of {@link BlobWire}: pushes a new blob to the other nodes until a quorum holds
 * it, and fetches blobs this node lacks. Every transfer has a deadline, after which its
 * connection is closed: a stopped peer must not hold a write forever.
 */
public final class BlobPeers implements BlobSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobPeers.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final long BASE_DEADLINE_MILLIS = 5_000;
    /** The slowest transfer rate a healthy peer is allowed before its copy is given up. */
    private static final long MIN_BYTES_PER_SECOND = 16L * 1024 * 1024;
    /** A metadata copy may be large: it is given up only when the peer sends nothing this long. */
    private static final long IDLE_MILLIS = 30_000;

    private final LocalEngine engine;
    private final Supplier<PeerSet> members;
    private final PeerSockets sockets;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("blob-peer-deadline").daemon(true).factory());

    /** @param members the other members as of now (membership changes while the node runs) */
    public BlobPeers(LocalEngine engine, Supplier<PeerSet> members, PeerSockets sockets) {
        this.engine = engine;
        this.members = members;
        this.sockets = sockets;
    }

    /**
     * Copies a finished local blob to every peer and returns once enough of them for a majority
     * have fsynced it; the other copies go on in the background (a peer that misses one fetches it
     * when the command that references it arrives).
     *
     * @throws UnavailableException when too few peers took the copy
     */
    public void replicate(String blobId, long size) {
        PeerSet set = members.get();
        List<InetSocketAddress> peers = set.others();
        int peerAcksNeeded = set.acksNeeded();
        if (peerAcksNeeded == 0) {
            return;
        }
        CountDownLatch enough = new CountDownLatch(peerAcksNeeded);
        AtomicInteger failed = new AtomicInteger();
        int mayFail = peers.size() - peerAcksNeeded;
        for (InetSocketAddress peer : peers) {
            Thread.ofVirtual().name("blob-push").start(() -> {
                try {
                    push(peer, blobId, size);
                    enough.countDown();
                } catch (IOException e) {
                    LOG.debug("Copy of blob {} to {} failed", blobId, peer, e);
                    if (failed.incrementAndGet() > mayFail) {
                        while (enough.getCount() > 0) {
                            enough.countDown(); // wake the writer: the quorum cannot be reached
                        }
                    }
                }
            });
        }
        try {
            boolean done = enough.await(deadlineMillis(size) + CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (!done || failed.get() > mayFail) {
                throw new UnavailableException("the bytes reached " + (peers.size() - failed.get()) + " of the "
                        + peers.size() + " other nodes in time; " + peerAcksNeeded + " must hold them", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while copying the bytes to the other nodes", e);
        }
    }

    private void push(InetSocketAddress peer, String blobId, long size) throws IOException {
        try (Socket socket = connect(peer); FileChannel blob = engine.use(local -> local.openHeldBlob(blobId))) {
            ScheduledFuture<?> deadline = closeAfter(socket, deadlineMillis(size));
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                BlobWire.writeRequest(out, BlobWire.PUSH, blobId);
                byte answer = in.readByte();
                if (answer == BlobWire.HELD) {
                    return;
                }
                if (answer != BlobWire.SEND) {
                    throw new IOException(peer + " refused blob " + blobId);
                }
                BlobWire.writeBlob(out, blob, size);
                if (in.readByte() != BlobWire.HELD) {
                    throw new IOException(peer + " could not store blob " + blobId);
                }
            } finally {
                deadline.cancel(false);
            }
        }
    }

    @Override
    public InputStream open(String blobId) throws IOException {
        for (InetSocketAddress peer : members.get().others()) {
            Socket socket = null;
            try {
                socket = connect(peer);
                socket.setSoTimeout((int) BASE_DEADLINE_MILLIS);
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                BlobWire.writeRequest(new DataOutputStream(socket.getOutputStream()), BlobWire.GET, blobId);
                if (in.readByte() == BlobWire.HELD) {
                    long length = in.readLong();
                    Socket owned = socket;
                    ScheduledFuture<?> deadline = closeAfter(owned, deadlineMillis(length));
                    return new ExactLengthInputStream(in, length) {
                        @Override
                        public void close() throws IOException {
                            deadline.cancel(false);
                            owned.close();
                        }
                    };
                }
                socket.close();
            } catch (IOException e) {
                LOG.debug("Fetching blob {} from {} failed", blobId, peer, e);
                if (socket != null) {
                    socket.close();
                }
            }
        }
        throw new NoSuchFileException("no other node holds blob " + blobId);
    }

    /**
     * Copies a node's metadata, taken consistently at the time of the call, into {@code target} (an empty
     * directory). A stalled peer is given up after {@link #IDLE_MILLIS} without a byte.
     */
    public void copyMetadata(InetSocketAddress peer, Path target) throws IOException {
        copyDirectory(peer, BlobWire.METADATA, target);
    }

    /** Copies a node's SSE-S3 master key files into {@code target} (an empty directory), readable by this user only. */
    public void copyMasterKeys(InetSocketAddress peer, Path target) throws IOException {
        copyDirectory(peer, BlobWire.MASTER_KEYS, target,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private void copyDirectory(InetSocketAddress peer, byte op, Path target, FileAttribute<?>... attributes)
            throws IOException {
        try (Socket socket = connect(peer)) {
            socket.setSoTimeout((int) IDLE_MILLIS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeByte(op);
            out.flush();
            if (in.readByte() != BlobWire.HELD) {
                throw new IOException(peer + " could not send its " + (op == BlobWire.METADATA ? "metadata" : "master keys"));
            }
            BlobWire.readDirectory(in, target, attributes);
        }
    }

    private Socket connect(InetSocketAddress peer) throws IOException {
        return sockets.connect(peer, CONNECT_TIMEOUT_MILLIS);
    }

    private ScheduledFuture<?> closeAfter(Socket socket, long millis) {
        return watchdog.schedule(() -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all the deadline does
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private static long deadlineMillis(long size) {
        return BASE_DEADLINE_MILLIS + size * 1000 / MIN_BYTES_PER_SECOND;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
