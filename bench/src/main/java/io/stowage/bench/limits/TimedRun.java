package io.stowage.bench.limits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one blocking I/O operation back to back on N platform threads for a fixed time and
 * prints the completed operations per second. Shared by the sync-rate probes, whose command
 * line is {@code DIR THREADS SECONDS}.
 */
final class TimedRun {

    @FunctionalInterface
    interface Op {
        void run(int worker, long seq) throws IOException;
    }

    record Args(Path dir, int threads, double seconds) {

        static Args parse(String[] args, String program) {
            if (args.length != 3) {
                System.err.println("usage: java -cp benchmarks.jar io.stowage.bench.limits." + program
                        + " DIR THREADS SECONDS");
                System.exit(2);
            }
            return new Args(Path.of(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]));
        }
    }

    private TimedRun() {
    }

    /** Prints the rate (one number, operations per second) on stdout. */
    static void printRate(Args args, Op op) throws IOException, InterruptedException {
        System.out.println(String.format(Locale.ROOT, "%.1f", opsPerSecond(args.threads(), args.seconds(), op)));
    }

    /** Operations per second over all threads; fails with the first error. */
    static double opsPerSecond(int threadCount, double seconds, Op op) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        LongAdder done = new LongAdder();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread[] threads = new Thread[threadCount];
        for (int w = 0; w < threads.length; w++) {
            int worker = w;
            threads[w] = Thread.ofPlatform().start(() -> {
                try {
                    for (long seq = 0; System.nanoTime() < deadline && failure.get() == null; seq++) {
                        op.run(worker, seq);
                        done.increment();
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        // operations started before the deadline still count, so the window runs until the last one ends
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.sum() / elapsed;
    }
}
