package io.stowage.engine.store.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.error.StorageException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncedWritersTest {

    @Test
    void aWriteFromAVirtualThreadRunsOnAPlatformThread() throws Exception {
        try (SyncedWriters writers = new SyncedWriters()) {
            AtomicBoolean ranOnVirtual = new AtomicBoolean(true);
            Thread caller = Thread.ofVirtual().start(() -> writers.run(() -> ranOnVirtual.set(Thread.currentThread().isVirtual())));
            caller.join();
            assertThat(ranOnVirtual).isFalse();
        }
    }

    @Test
    void aWriteFromAPlatformThreadRunsInPlace() {
        try (SyncedWriters writers = new SyncedWriters()) {
            Thread caller = Thread.currentThread();
            AtomicBoolean inPlace = new AtomicBoolean();
            writers.run(() -> inPlace.set(Thread.currentThread() == caller));
            assertThat(inPlace).isTrue();
        }
    }

    @Test
    void aFailedWriteFailsItsCaller() throws Exception {
        try (SyncedWriters writers = new SyncedWriters()) {
            AtomicBoolean failed = new AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    writers.run(() -> {
                        throw new StorageException("disk gone", null);
                    });
                } catch (StorageException e) {
                    failed.set(e.getMessage().equals("disk gone"));
                }
            });
            caller.join();
            assertThat(failed).isTrue();
        }
    }

    @Test
    void concurrentVirtualCallersAreInTheWriteTogether() throws Exception {
        // the point of the pool: many writers block at once, so RocksDB can group their fsyncs
        int callers = 16;
        CountDownLatch allInside = new CountDownLatch(callers);
        AtomicInteger done = new AtomicInteger();
        try (SyncedWriters writers = new SyncedWriters()) {
            Thread[] threads = new Thread[callers];
            for (int i = 0; i < callers; i++) {
                threads[i] = Thread.ofVirtual().start(() -> writers.run(() -> {
                    allInside.countDown();
                    try {
                        if (allInside.await(10, TimeUnit.SECONDS)) {
                            done.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        assertThat(done).hasValue(callers);
    }

    @Test
    void anInterruptedCallerStillWaitsForItsWriteAndKeepsTheInterrupt() throws Exception {
        try (SyncedWriters writers = new SyncedWriters()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean written = new AtomicBoolean();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> {
                writers.run(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    written.set(true);
                });
                interruptKept.set(Thread.currentThread().isInterrupted() && written.get());
            });
            started.await();
            caller.interrupt();
            release.countDown();
            caller.join();
            assertThat(interruptKept).isTrue();
        }
    }
}
