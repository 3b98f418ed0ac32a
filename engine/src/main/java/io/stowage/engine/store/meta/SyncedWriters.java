package io.stowage.engine.store.meta;

import io.stowage.engine.error.StorageException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Platform threads that perform synced RocksDB writes on behalf of virtual threads.
 *
 * <p>A synced write blocks in native code for an fsync. On a virtual thread that pins its
 * carrier, so with as many carriers as cores only that many writers reach RocksDB at once, its
 * group commit has nothing to group, and every other request waits for a carrier. Handing the
 * write to a platform thread parks the virtual thread instead; up to {@link #THREADS} writers
 * then wait in RocksDB together and share one WAL fsync.
 */
final class SyncedWriters implements AutoCloseable {

    static final int THREADS = 64;

    private final ThreadPoolExecutor pool;

    SyncedWriters() {
        pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("meta-sync-", 0).daemon(true).factory());
        pool.allowCoreThreadTimeOut(true);
    }

    void run(Runnable write) {
        if (!Thread.currentThread().isVirtual()) {
            write.run();
            return;
        }
        Future<?> done = pool.submit(write);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    // the write is under way and cannot be recalled: its outcome must be awaited
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("metadata write failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
