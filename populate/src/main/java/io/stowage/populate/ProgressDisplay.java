package io.stowage.populate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Shows a run's progress while it lasts: on a terminal a bar redrawn in place several times a second, otherwise
 * (a pod's log) one plain line every interval with objects, bytes and the transfer rate.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final Duration TERMINAL_REFRESH = Duration.ofMillis(250);
    private static final int BAR_WIDTH = 30;

    private final Progress progress;
    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;
    private final long started = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    private long lastBytes;
    private long lastNanos = started;

    private ProgressDisplay(Progress progress, PrintStream out, boolean terminal, Duration interval) {
        this.progress = progress;
        this.out = out;
        this.terminal = terminal;
        this.interval = terminal ? TERMINAL_REFRESH : interval;
        this.thread = Thread.ofVirtual().name("populate-progress").unstarted(this::run);
    }

    /** @param interval how often a plain line is printed; zero for none (a terminal's bar is shown anyway) */
    static ProgressDisplay start(Progress progress, PrintStream out, boolean terminal, Duration interval) {
        ProgressDisplay display = new ProgressDisplay(progress, out, terminal, interval);
        if (terminal || !interval.isZero()) {
            display.thread.start();
        }
        return display;
    }

    private void run() {
        long next = System.nanoTime() + interval.toNanos();
        while (!stopped) {
            LockSupport.parkNanos(next - System.nanoTime());
            if (!stopped && System.nanoTime() - next >= 0) {
                show();
                next += interval.toNanos();
            }
        }
    }

    private synchronized void show() {
        long now = System.nanoTime();
        long bytes = progress.transferred.get();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        String rate = Bytes.human((long) ((bytes - lastBytes) / seconds)) + "/s";
        lastBytes = bytes;
        lastNanos = now;
        String total = progress.listingComplete ? "" : "+";
        String objects = progress.doneObjects.sum() + "/" + progress.listedObjects.sum() + total + " objects";
        String size = Bytes.human(progress.doneBytes.sum()) + "/" + Bytes.human(progress.listedBytes.sum()) + total;
        if (terminal) {
            long listed = Math.max(1, progress.listedBytes.sum());
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * progress.doneBytes.sum() / listed);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + objects + "  " + size + "  " + rate
                    + "   ");
        } else {
            out.println(String.format(Locale.ROOT, "progress: %s, %s, %s, %d failed, %d refused, %.0f s", objects, size, rate,
                    progress.failed.sum(), progress.refused.sum(), (now - started) / 1e9));
        }
        out.flush();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            thread.join();
        }
        if (terminal) {
            show();
            out.println();
        }
    }
}
