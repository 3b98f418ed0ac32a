package io.stowage.s3.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body as an InputStream, fed by the event loop and read by the request's virtual
 * thread. The channel reads from the socket only when this stream asks for more (auto-read is
 * off), so at most one socket read's worth of bytes is buffered per connection whatever the
 * object size. The first read sends "100 Continue" when the client asked for it.
 */
final class BodyStream extends InputStream {

    private final Channel channel;
    private final boolean expectContinue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private boolean complete;
    private boolean continueSent;
    private boolean waiting;
    private boolean discarding;
    private IOException failure;

    BodyStream(Channel channel, boolean expectContinue) {
        this.channel = channel;
        this.expectContinue = expectContinue;
    }

    /** Event loop: a piece of the body arrived. Takes ownership of the buffer. */
    void offer(ByteBuf content, boolean last) {
        lock.lock();
        try {
            if (discarding || failure != null) {
                content.release();
            } else if (content.isReadable()) {
                chunks.add(content);
                // The reader's demand is met: no further socket read until it asks again.
                waiting = false;
            } else {
                content.release();
            }
            if (last) {
                complete = true;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the connection closed before the body ended. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!complete && failure == null) {
                failure = cause;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: whether the reader is blocked waiting for bytes (so the channel should read). */
    boolean wantsData() {
        lock.lock();
        try {
            return waiting && !complete && failure == null;
        } finally {
            lock.unlock();
        }
    }

    boolean isComplete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the client is still waiting for "100 Continue" and so may never send the body. */
    boolean continueWithheld() {
        lock.lock();
        try {
            return expectContinue && !continueSent;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (true) {
                ByteBuf head = chunks.peek();
                if (head != null) {
                    int n = Math.min(len, head.readableBytes());
                    head.readBytes(b, off, n);
                    if (!head.isReadable()) {
                        chunks.poll().release();
                    }
                    return n;
                }
                if (failure != null) {
                    throw failure;
                }
                if (complete) {
                    return -1;
                }
                if (expectContinue && !continueSent) {
                    continueSent = true;
                    channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                }
                waiting = true;
                channel.read();
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClosedChannelException();
                } finally {
                    waiting = false;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is buffered and whatever else arrives for this body. */
    @Override
    public void close() {
        lock.lock();
        try {
            discarding = true;
            ByteBuf chunk;
            while ((chunk = chunks.poll()) != null) {
                chunk.release();
            }
        } finally {
            lock.unlock();
        }
    }
}
