package io.stowage.bench.load.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection, one request at a time, bound to one event loop: it connects
 * on the first request (and again after the server closed it), writes the request's head and
 * body, parses the response and hands it to the request's listener. A request without a complete
 * response within the timeout fails, and so does one on a connection that breaks.
 */
@ChannelHandler.Sharable // added to each channel this connection opens, one at a time
public final class HttpConnection extends ChannelInboundHandlerAdapter {

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final long timeoutNanos;
    private final ResponseParser parser = new ResponseParser();
    private Channel channel;
    private ResponseListener listener;
    private long sentAt;
    /** Counts requests, so that a connect that ends after its request timed out is not used for a later one. */
    private long requests;
    private ScheduledFuture<?> timeoutCheck;

    HttpConnection(Bootstrap template, EventLoop loop, long timeoutNanos) {
        this.loop = loop;
        this.bootstrap = template.clone(loop).handler(this);
        this.timeoutNanos = timeoutNanos;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Sends a request and hands its response to {@code listener} on this connection's event loop.
     * {@code head} and {@code body} (null if none) are released once written.
     */
    public void send(ByteBuf head, ByteBuf body, Expect expect, ResponseListener listener) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(head, body, expect, listener));
            return;
        }
        if (this.listener != null) {
            ReferenceCountUtil.release(head);
            ReferenceCountUtil.release(body);
            throw new IllegalStateException("a request is already in flight on this connection");
        }
        this.listener = listener;
        long request = ++requests;
        sentAt = System.nanoTime();
        parser.start(expect);
        if (timeoutCheck == null) {
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeout, 1, 1, TimeUnit.SECONDS);
        }
        if (channel != null && channel.isActive()) {
            write(head, body);
            return;
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (request != requests || this.listener == null) {
                ReferenceCountUtil.release(head);
                ReferenceCountUtil.release(body);
                f.channel().close();
            } else if (!f.isSuccess()) {
                ReferenceCountUtil.release(head);
                ReferenceCountUtil.release(body);
                complete(Response.failure("connect: " + f.cause()));
            } else {
                channel = f.channel();
                write(head, body);
            }
        });
    }

    /** Write failures reach {@link #exceptionCaught}, so the writes need no promise of their own. */
    private void write(ByteBuf head, ByteBuf body) {
        if (body == null) {
            channel.writeAndFlush(head, channel.voidPromise());
        } else {
            channel.write(head, channel.voidPromise());
            channel.writeAndFlush(body, channel.voidPromise());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (ctx.channel() != channel || listener == null) {
                if (in.isReadable()) {
                    ctx.close(); // bytes nobody asked for: the connection is out of step
                    forget(ctx.channel());
                }
                return;
            }
            if (parser.feed(in)) {
                Response r = parser.response();
                if (r.error() == null && in.isReadable()) {
                    r = Response.failure(in.readableBytes() + " bytes after the end of a response of status " + r.status());
                }
                if (r.error() != null || parser.closeAfter()) {
                    closeChannel();
                }
                complete(r);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != channel) {
            return;
        }
        channel = null;
        if (listener != null) {
            complete(parser.closed());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
        if (ctx.channel() != channel) {
            return;
        }
        channel = null;
        if (listener != null) {
            complete(Response.failure(cause.toString()));
        }
    }

    private void checkTimeout() {
        if (listener != null && System.nanoTime() - sentAt > timeoutNanos) {
            closeChannel();
            complete(Response.failure("no complete response within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s"));
        }
    }

    private void complete(Response r) {
        ResponseListener l = listener;
        listener = null;
        l.onResponse(r);
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void forget(Channel ch) {
        if (ch == channel) {
            channel = null;
        }
    }

    /** Closes the connection; a request in flight gets no response. */
    public void close() {
        loop.execute(() -> {
            if (timeoutCheck != null) {
                timeoutCheck.cancel(false);
            }
            listener = null;
            closeChannel();
        });
    }
}
