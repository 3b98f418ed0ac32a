package io.stowage.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a long-running command: the first starts a graceful stop, a second runs the
 * abort action (for `stowage server`: cut the requests still running short). The JVM's own handling
 * cannot tell a second signal apart, so the launcher takes both signals itself.
 */
final class ShutdownSignals {

    private final Runnable stop;
    private final Runnable abort;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    private ShutdownSignals(Runnable stop, Runnable abort) {
        this.stop = stop;
        this.abort = abort;
    }

    /**
     * @param stop the graceful stop; it must be safe to run twice, as the shutdown hook runs it again
     * @param abort what a second signal does while the stop runs
     */
    static ShutdownSignals install(Runnable stop, Runnable abort) {
        ShutdownSignals signals = new ShutdownSignals(stop, abort);
        Signal.handle(new Signal("TERM"), signals::onSignal);
        Signal.handle(new Signal("INT"), signals::onSignal);
        // Any other way out (SIGHUP, System.exit) still stops cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown-hook"));
        return signals;
    }

    /** A second signal does nothing more: the stop is bounded on its own. */
    static ShutdownSignals install(Runnable stop) {
        return install(stop, () -> { });
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() == 1) {
            Thread.ofPlatform().name("shutdown").start(() -> {
                stop.run();
                stopped.countDown();
            });
        } else {
            abort.run();
        }
    }

    /** Blocks until a signal has stopped the command's work. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }
}
