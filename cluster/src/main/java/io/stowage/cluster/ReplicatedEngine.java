package io.stowage.cluster;

import io.stowage.cluster.blob.BlobPeerServer;
import io.stowage.cluster.blob.BlobPeers;
import io.stowage.cluster.blob.PeerSet;
import io.stowage.cluster.blob.PeerSockets;
import io.stowage.cluster.blob.ReplicatingBodyWriter;
import io.stowage.cluster.codec.CommandCodec;
import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.EngineStats;
import io.stowage.engine.command.Command;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PartListing;
import io.stowage.engine.model.UploadListing;
import io.stowage.engine.model.UploadRef;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.store.MetadataInstall;
import io.stowage.engine.store.RocksEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of a cluster node. Commands go through the Raft log and are applied by every node;
 * a new body's bytes reach a quorum of nodes before it is handed to a command; reads look at this
 * node's copy after a read barrier (or at once, with {@link ReadConsistency#LOCAL}).
 */
public final class ReplicatedEngine implements Engine {

    /**
     * A read barrier serves the later reads of its thread for this long. Requests run on a thread
     * each, so a request asks for one read index however many reads it makes, and its reads all see
     * at least the state of its start: the request as a whole stays linearizable.
     */
    private static final long BARRIER_REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long a write waits for this node to apply it before the thread's next read asks for a read index instead. */
    private static final long APPLY_WAIT_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedEngine.class);
    private static final FileAttribute<?> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final LocalEngine local;
    private final EngineStateMachine stateMachine;
    private final ClusterConfig config;
    private final RaftNode raft;
    private final BlobPeers peers;
    private final BlobPeerServer blobServer;
    private final ClusterMaintenance maintenance;
    private final ThreadLocal<Barrier> barrier = ThreadLocal.withInitial(Barrier::new);

    private ReplicatedEngine(RocksEngine engine, ClusterConfig config, PeerTls tls, Path masterKeys) throws IOException {
        this.local = new LocalEngine(engine);
        this.config = config;
        PeerSockets sockets = new PeerSockets(tls);
        this.peers = new BlobPeers(local, this::peerSet, sockets);
        local.setBlobSource(peers);
        this.stateMachine = new EngineStateMachine(local, peers);
        this.raft = new RaftNode(config, stateMachine, tls);
        try {
            this.blobServer = new BlobPeerServer(local, masterKeys, ClusterConfig.blobAddress(config.raftAddress()), sockets);
        } catch (IOException | RuntimeException e) {
            peers.close();
            raft.close();
            throw e;
        }
        this.maintenance = new ClusterMaintenance(local, peers);
    }

    /**
     * Joins the Raft group with an engine opened {@link io.stowage.engine.EngineConfig#replicated replicated}.
     * The engine is closed with this one.
     *
     * @param tls mutual TLS between the nodes; null only when {@link ClusterConfig#plaintextPeers} allows it
     * @param masterKeys the directory of the SSE-S3 master keys, which every node must share ({@link #copyMasterKeys})
     */
    public static ReplicatedEngine start(RocksEngine local, ClusterConfig config, PeerTls tls, Path masterKeys)
            throws IOException {
        if (tls == null && !config.plaintextPeers()) {
            throw new IllegalArgumentException("cluster peers need mutual TLS, or plain TCP chosen explicitly");
        }
        ReplicatedEngine engine = new ReplicatedEngine(local, config, tls, masterKeys);
        engine.raft.start();
        engine.maintenance.start();
        return engine;
    }

    /** From the Raft configuration, which exists once the node runs. */
    private PeerSet peerSet() {
        return raft.peerSet();
    }

    @Override
    public boolean leads() {
        return raft.isLeader();
    }

    /**
     * Local reads go on without a majority; linearizable reads and writes need a known leader. A node waiting to be
     * added (a listener) counts as serving: whoever adds members (the operator) waits for it to be ready.
     */
    @Override
    public boolean serving() {
        return config.reads() == ReadConsistency.LOCAL || raft.leaderId() != null || raft.awaitsMembership();
    }

    public ClusterStatus status() {
        return raft.status();
    }

    /**
     * Whether this node makes the cluster's first SSE-S3 master key: the founding member with the lowest id, on the
     * start that founds the cluster. Every other node copies the keys ({@link #copyMasterKeys}).
     */
    public boolean makesFirstMasterKey() {
        return raft.founding() && config.nodeId().equals(Collections.min(config.members().keySet()));
    }

    /**
     * Copies the SSE-S3 master keys from a peer into {@code directory} (created 0700 when absent), asking the
     * peers in turn until one sends keys that {@code usable} accepts: a node encrypting with keys of its own would
     * write objects no other node can read. Waits as long as that takes.
     */
    public void copyMasterKeys(Path directory, Predicate<Path> usable) throws IOException, InterruptedException {
        Path incoming = directory.resolveSibling(directory.getFileName() + ".incoming");
        long nextNotice = 0;
        while (true) {
            for (InetSocketAddress peer : raft.peerSet().others()) {
                MetadataInstall.deleteCopy(incoming);
                Files.createDirectories(incoming, OWNER_ONLY_DIRECTORY);
                try {
                    peers.copyMasterKeys(peer, incoming);
                } catch (IOException e) {
                    LOG.debug("{} did not send its master keys", peer, e);
                    continue;
                }
                if (usable.test(incoming)) {
                    moveInto(incoming, directory);
                    LOG.info("Copied the SSE-S3 master keys of {}", peer);
                    return;
                }
            }
            if (System.nanoTime() - nextNotice > 0) {
                LOG.info("Waiting for a peer with the cluster's SSE-S3 master keys (node {} makes them when it founds the"
                        + " cluster)", Collections.min(config.members().keySet()));
                nextNotice = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(1000);
        }
    }

    private static void moveInto(Path incoming, Path directory) throws IOException {
        Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path file : files.toList()) {
                Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
        Files.delete(incoming);
    }

    /**
     * Adds a member (idempotent). The node must be running, started with the new member list in
     * its {@code --peers}; it catches up from the log, and the blobs it lacks follow.
     *
     * @param raftAddress HOST:PORT
     * @throws io.stowage.engine.error.ConflictException when the id is a member at another address
     */
    public void addMember(String id, String raftAddress) {
        ClusterConfig.checkNodeId("id", id);
        raft.addMember(id, ClusterConfig.address("address", raftAddress));
    }

    /** Removes a member (idempotent); its data stays on its disk. */
    public void removeMember(String id) {
        raft.removeMember(id);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R apply(Command<R> command) {
        RaftNode.Committed committed = raft.submit(CommandCodec.encodeCommand(command));
        // the thread's next reads must see its write: once this node applied it, its earlier barrier still serves
        if (!stateMachine.awaitApplied(committed.index(), APPLY_WAIT_MILLIS)) {
            barrier.get().valid = false;
        }
        return (R) CommandCodec.decodeOutcome(committed.outcome());
    }

    private <T> T read(LocalEngine.Use<T, RuntimeException> read) {
        if (config.reads() == ReadConsistency.LINEARIZABLE) {
            Barrier last = barrier.get();
            long now = System.nanoTime();
            if (!last.valid || now - last.atNanos > BARRIER_REUSE_NANOS) {
                raft.readBarrier();
                last.valid = true;
                last.atNanos = now;
            }
        }
        return local.use(read);
    }

    /** When this thread last passed a read barrier. */
    private static final class Barrier {
        private boolean valid;
        private long atNanos;
    }

    @Override
    public Optional<Bucket> bucket(String name) {
        return read(engine -> engine.bucket(name));
    }

    @Override
    public IamState iam() {
        return read(RocksEngine::iam);
    }

    @Override
    public Optional<String> bucketConfig(String bucket, BucketConfigKind kind) {
        return read(engine -> engine.bucketConfig(bucket, kind));
    }

    @Override
    public Usage usage(String bucket) {
        return read(engine -> engine.usage(bucket));
    }

    @Override
    public List<PrefixQuota> prefixQuotas(String bucket) {
        return read(engine -> engine.prefixQuotas(bucket));
    }

    @Override
    public List<Bucket> buckets() {
        return read(RocksEngine::buckets);
    }

    @Override
    public EngineStats stats() {
        return local.use(RocksEngine::stats);
    }

    @Override
    public ObjectVersion object(String bucket, String key, String versionId) {
        return read(engine -> engine.object(bucket, key, versionId));
    }

    @Override
    public OpenedObject open(String bucket, String key, String versionId) {
        return read(engine -> engine.open(bucket, key, versionId));
    }

    @Override
    public ObjectListing listObjects(ListObjectsRequest request) {
        return read(engine -> engine.listObjects(request));
    }

    @Override
    public VersionListing listVersions(ListVersionsRequest request) {
        return read(engine -> engine.listVersions(request));
    }

    @Override
    public MultipartUpload upload(String bucket, String key, String uploadId) {
        return read(engine -> engine.upload(bucket, key, uploadId));
    }

    @Override
    public List<Part> parts(String bucket, String key, String uploadId) {
        return read(engine -> engine.parts(bucket, key, uploadId));
    }

    @Override
    public PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        return read(engine -> engine.listParts(bucket, key, uploadId, partNumberMarker, maxParts));
    }

    @Override
    public UploadListing listUploads(ListUploadsRequest request) {
        return read(engine -> engine.listUploads(request));
    }

    @Override
    public List<UploadRef> uploadsInitiatedBefore(long epochMillis, int limit) {
        return read(engine -> engine.uploadsInitiatedBefore(epochMillis, limit));
    }

    /** Blob ids never change meaning, so no barrier: a blob this node lacks is fetched from a peer. */
    @Override
    public FileChannel openBlob(String blobId) throws IOException {
        return local.use(engine -> engine.openBlob(blobId));
    }

    @Override
    public BodyWriter newBody(long expectedLength) {
        return new ReplicatingBodyWriter(local.use(engine -> engine.newBody(expectedLength)), this, peers);
    }

    @Override
    public void discard(ObjectBody body) {
        local.use(engine -> {
            engine.discard(body);
            return null;
        });
    }

    @Override
    public void close() {
        try (local; peers) {
            maintenance.close();
            blobServer.close();
            raft.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the cluster node cleanly", e);
        }
    }
}
