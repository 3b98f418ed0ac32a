package io.stowage.cluster;

import io.stowage.cluster.blob.BlobPeers;
import io.stowage.cluster.codec.CommandCodec;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.Command;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.store.MetadataInstall;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.AtomicFileOutputStream;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the engine commands of the Raft log, in log order, on this node's engine, and answers
 * with the outcome every replica computes alike: the command's result or the engine error it
 * raised. Each command records its log position with its own writes, so after a crash the
 * entries the engine already holds are skipped and the rest replayed.
 *
 * <p>Snapshots: the engine's metadata is the snapshot. Taking one syncs it and notes its log
 * position in a small file Ratis reads at start, after which Ratis may drop the log before it. A
 * node that lacks entries no longer kept copies the leader's metadata over the blob port and swaps
 * it in ({@link LocalEngine#replaceMetadata}); the blobs it references follow like any missing blob.
 */
final class EngineStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStateMachine.class);

    private final LocalEngine engine;
    private final BlobPeers peers;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    /** Entries up to this index are in the engine already: replaying them would apply them twice. */
    private volatile long appliedBeforeStart;
    private final ReentrantLock applied = new ReentrantLock();
    private final Condition advanced = applied.newCondition();

    EngineStateMachine(LocalEngine engine, BlobPeers peers) {
        this.engine = engine;
        this.peers = peers;
        this.appliedBeforeStart = indexOf(engine.use(local -> local.appliedLogPosition()));
    }

    private static long indexOf(LogPosition position) {
        return position == null ? RaftLog.INVALID_LOG_INDEX : position.index();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            storage.init(raftStorage);
            SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
            if (snapshot != null) {
                setLastAppliedTermIndex(snapshot.getTermIndex());
            }
        }, IOException.class);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        if (index <= appliedBeforeStart) {
            updateLastAppliedTermIndex(term, index);
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        Command<?> command = CommandCodec.decodeCommand(entry.getStateMachineLogEntry().getLogData().toByteArray());
        byte[] outcome;
        try {
            outcome = CommandCodec.encodeResult(engine.use(local -> local.applyLogged(command, new LogPosition(term, index))));
        } catch (StorageException e) {
            // this node's own store failed: stopping beats diverging from the others, and a restart replays the entry
            throw e;
        } catch (EngineException e) {
            outcome = CommandCodec.encodeFailure(e);
        } catch (IllegalArgumentException e) {
            // the engine refused the command's input: every replica refuses it alike
            outcome = CommandCodec.encodeFailure(new InvalidInputException(e.getMessage(), null));
        }
        updateLastAppliedTermIndex(term, index);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(outcome)));
    }

    @Override
    protected boolean updateLastAppliedTermIndex(TermIndex position) {
        boolean updated = super.updateLastAppliedTermIndex(position);
        signalApplied();
        return updated;
    }

    private void signalApplied() {
        applied.lock();
        try {
            advanced.signalAll();
        } finally {
            applied.unlock();
        }
    }

    /** Waits until this node has applied the log entry at {@code index}; false when it has not in time. */
    boolean awaitApplied(long index, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        applied.lock();
        try {
            while (getLastAppliedTermIndex().getIndex() < index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            applied.unlock();
        }
    }

    /** Read barriers: Ratis calls this once this node has applied everything up to the read index. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** Called between two applied entries: the metadata, once synced, holds everything up to the last one. */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= appliedBeforeStart) {
            return RaftLog.INVALID_LOG_INDEX; // still replaying what the engine holds: its position is ahead
        }
        LogPosition position = new LogPosition(last.getTerm(), last.getIndex());
        engine.use(local -> {
            LogPosition recorded = local.appliedLogPosition();
            if (recorded == null || recorded.index() < position.index()) {
                local.recordLogPosition(position);
            }
            local.syncMetadata();
            return null;
        });
        noteSnapshot(last);
        return last.getIndex();
    }

    /** The file Ratis finds at start: the engine's metadata is at least at {@code position}. */
    private void noteSnapshot(TermIndex position) throws IOException {
        Path file = storage.getSnapshotFile(position.getTerm(), position.getIndex()).toPath();
        try (Writer out = new OutputStreamWriter(new AtomicFileOutputStream(file.toFile()), StandardCharsets.UTF_8)) {
            out.write("the engine's metadata (DATA/meta) holds the log up to " + position + "\n");
        }
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, md5), position));
    }

    /**
     * This node lacks log entries the leader no longer keeps: copy the leader's metadata and swap it in.
     * Ratis asks again if this fails.
     */
    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo, TermIndex firstInLog) {
        RaftPeerProto leader = roleInfo.getFollowerInfo().getLeaderInfo().getId();
        InetSocketAddress from = ClusterConfig.blobAddress(RaftNode.raftAddress(leader.getAddress()));
        return CompletableFuture.supplyAsync(() -> install(from, firstInLog),
                task -> Thread.ofPlatform().name("metadata-install").daemon(true).start(task));
    }

    private TermIndex install(InetSocketAddress from, TermIndex firstInLog) {
        LOG.info("This node lacks log entries before {} that the leader no longer keeps: copying the metadata of {}",
                firstInLog, from);
        try {
            Path incoming = MetadataInstall.prepare(engine.dataDir());
            peers.copyMetadata(from, incoming);
            LogPosition position = engine.replaceMetadata();
            if (position == null || position.index() < firstInLog.getIndex() - 1) {
                throw new IllegalStateException("the metadata copied from " + from + " is at " + position
                        + ", before the leader's log starts (" + firstInLog + ")");
            }
            TermIndex installed = TermIndex.valueOf(position.term(), position.index());
            appliedBeforeStart = position.index();
            noteSnapshot(installed);
            setLastAppliedTermIndex(installed);
            signalApplied();
            LOG.info("Installed the metadata of {} at {}; missing blobs follow from the other nodes", from, installed);
            return installed;
        } catch (IOException e) {
            LOG.warn("Copying the metadata of {} failed; the leader asks again", from, e);
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void pause() {
        if (getLifeCycleState().isRunning()) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After an installed copy: Ratis goes on from the snapshot {@link #install} noted. */
    @Override
    public void reinitialize() throws IOException {
        storage.loadLatestSnapshot();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }
}
