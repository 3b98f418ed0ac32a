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
 * thread. Auto-read is off: the channel reads from the socket only while less than
 * {@link #READ_AHEAD} bytes wait here, so the network keeps flowing while the reader hashes
 * and writes, and memory per connection stays bounded whatever the object size. The first
 * read sends "100 Continue" when the client asked for it.
 */
final class BodyStream extends InputStream {

    /** Bytes buffered ahead of the reader before the channel stops reading. */
    static final int READ_AHEAD = 256 * 1024;

    private final Channel channel;
    private final boolean expectContinue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long buffered;
    private long received;
    private boolean reading;
    private boolean started;
    private boolean complete;
    private boolean continueSent;
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
            received += content.readableBytes();
            if (discarding || failure != null || !content.isReadable()) {
                content.release();
            } else {
                chunks.add(content);
                buffered += content.readableBytes();
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

    /**
     * Event loop, after a socket read: whether to read again now. True while the reader has
     * started and less than {@link #READ_AHEAD} bytes wait for it.
     */
    boolean readAgain() {
        lock.lock();
        try {
            reading = started && !complete && failure == null && !discarding && buffered < READ_AHEAD;
            return reading;
        } finally {
            lock.unlock();
        }
    }

    /** Body bytes that came in from the network, read or discarded. */
    long received() {
        lock.lock();
        try {
            return received;
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
            started = true;
            while (true) {
                ByteBuf head = chunks.peek();
                if (head != null) {
                    int n = Math.min(len, head.readableBytes());
                    head.readBytes(b, off, n);
                    buffered -= n;
                    if (!head.isReadable()) {
                        chunks.poll().release();
                    }
                    requestMore();
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
                requestMore();
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClosedChannelException();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: asks the channel for a socket read unless one is under way or enough is buffered. */
    private void requestMore() {
        if (started && !reading && !complete && failure == null && buffered < READ_AHEAD) {
            reading = true;
            channel.read();
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
            buffered = 0;
        } finally {
            lock.unlock();
        }
    }
}
