package io.stowage.bench.load.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The event loops (epoll where available, NIO otherwise) and the connection settings shared by
 * all the connections to one server. Connections are spread over the loops round-robin.
 */
public final class HttpTransport implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String kind;
    private final long timeoutNanos;

    /** Connections to {@code host:port}; a request without a complete response within 120 s fails. */
    public HttpTransport(String host, int port, int eventLoops) {
        this(host, port, eventLoops, TimeUnit.SECONDS.toNanos(120));
    }

    HttpTransport(String host, int port, int eventLoops, long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        kind = epoll ? "epoll" : "nio";
        group = new MultiThreadIoEventLoopGroup(eventLoops, io);
        bootstrap = new Bootstrap()
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .remoteAddress(new InetSocketAddress(host, port))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                // reads of up to 1 MiB instead of Netty's 64 KiB: a large GET then costs about a fifth
                // less client CPU per byte; reads of small answers stay small
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, 1 << 20));
    }

    /** A new connection on the next event loop; it connects when it sends its first request. */
    public HttpConnection connection() {
        EventLoop loop = group.next();
        return new HttpConnection(bootstrap, loop, timeoutNanos);
    }

    /** "epoll" or "nio". */
    public String kind() {
        return kind;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
