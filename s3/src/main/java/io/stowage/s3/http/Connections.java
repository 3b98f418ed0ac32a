package io.stowage.s3.http;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The open connections of one listener: counted for metrics, and drained on shutdown (idle ones
 * closed at once, busy ones closed once their response is out).
 */
final class Connections {

    /** The event a connection gets when draining starts. */
    static final Object DRAIN = new Object();

    private final ChannelGroup channels = new DefaultChannelGroup("s3-connections", ImmediateEventExecutor.INSTANCE);
    private volatile boolean draining;

    /** Tracks a new connection; the group forgets it when it closes. */
    void add(Channel channel) {
        channels.add(channel);
        if (draining) {
            channel.close();
        }
    }

    int open() {
        return channels.size();
    }

    boolean draining() {
        return draining;
    }

    /** From now on no connection is kept alive after its current response. */
    void drain() {
        draining = true;
        for (Channel channel : channels) {
            channel.pipeline().fireUserEventTriggered(DRAIN);
        }
    }

    /**
     * Waits until every connection has closed, the timeout passes, or {@code abort} says to stop.
     *
     * @return whether every connection closed
     */
    boolean awaitClosed(Duration timeout, BooleanSupplier abort) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!channels.isEmpty() && !abort.getAsBoolean() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        return channels.isEmpty();
    }

    /** Closes every connection, cutting short the requests still running on them. */
    void closeAll() {
        channels.close().awaitUninterruptibly();
    }
}
