package io.stowage.cli;

import io.stowage.server.StowageServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for `stowage server`: the first starts a graceful shutdown, a second cuts
 * the requests still running short. The JVM's own handling cannot tell a second signal apart, so
 * the launcher takes both signals itself.
 */
final class ShutdownSignals {

    private final StowageServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    private ShutdownSignals(StowageServer server) {
        this.server = server;
    }

    static ShutdownSignals install(StowageServer server) {
        ShutdownSignals signals = new ShutdownSignals(server);
        Signal.handle(new Signal("TERM"), signals::onSignal);
        Signal.handle(new Signal("INT"), signals::onSignal);
        // Any other way out (SIGHUP, System.exit) still closes the store.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown-hook"));
        return signals;
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() == 1) {
            Thread.ofPlatform().name("shutdown").start(() -> {
                server.close();
                stopped.countDown();
            });
        } else {
            server.abortInFlight();
        }
    }

    /** Blocks until a signal has stopped the server. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }
}
