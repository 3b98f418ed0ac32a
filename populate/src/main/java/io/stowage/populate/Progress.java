package io.stowage.populate;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a run has done so far, counted by the workers and read by the progress display. */
final class Progress {

    final LongAdder listedObjects = new LongAdder();
    final LongAdder listedBytes = new LongAdder();
    final LongAdder doneObjects = new LongAdder();
    final LongAdder doneBytes = new LongAdder();
    final LongAdder copied = new LongAdder();
    final LongAdder copiedBytes = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder directories = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder failed = new LongAdder();
    final AtomicLong transferred = new AtomicLong();
    volatile boolean listingComplete;

    void listed(long bytes) {
        listedObjects.increment();
        listedBytes.add(bytes);
    }

    void transferred(long bytes) {
        transferred.addAndGet(bytes);
    }

    void done(long bytes) {
        doneObjects.increment();
        doneBytes.add(bytes);
    }
}
