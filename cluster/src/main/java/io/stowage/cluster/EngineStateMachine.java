package io.stowage.cluster;

import io.stowage.cluster.codec.CommandCodec;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.Command;
import io.stowage.engine.error.EngineException;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.StorageException;
import io.stowage.engine.store.RocksEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Applies the engine commands of the Raft log, in log order, on this node's engine, and answers
 * with the outcome every replica computes alike: the command's result or the engine error it
 * raised. Each command records its log position with its own writes, so after a crash the
 * entries the engine already holds are skipped and the rest replayed.
 */
final class EngineStateMachine extends BaseStateMachine {

    private final RocksEngine engine;
    private final long appliedBeforeStart;
    private final ReentrantLock applied = new ReentrantLock();
    private final Condition advanced = applied.newCondition();

    EngineStateMachine(RocksEngine engine) {
        this.engine = engine;
        LogPosition applied = engine.appliedLogPosition();
        this.appliedBeforeStart = applied == null ? RaftLog.INVALID_LOG_INDEX : applied.index();
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
            outcome = CommandCodec.encodeResult(engine.applyLogged(command, new LogPosition(term, index)));
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
        applied.lock();
        try {
            advanced.signalAll();
        } finally {
            applied.unlock();
        }
        return updated;
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

    @Override
    public long takeSnapshot() {
        // snapshots with blobs are not built yet: the log is kept whole so any node can catch up from it
        engine.syncMetadata();
        return RaftLog.INVALID_LOG_INDEX;
    }
}
