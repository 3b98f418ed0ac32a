package io.stowage.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server on a unix socket, as the COSI and CSI sidecars and the kubelet call drivers. A socket file left
 * by an earlier run is removed at start, and the socket at stop. Calls run on virtual threads: drivers block on
 * admin APIs, S3 and mounts.
 */
public final class UnixSocketGrpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketGrpcServer.class);
    /** How long calls in flight may run on at stop; the sidecars retry what is cut. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Path socket;
    private final Server server;
    private final EventLoopGroup eventLoops;
    private final ExecutorService executor;
    private boolean closed;

    private UnixSocketGrpcServer(Path socket, Server server, EventLoopGroup eventLoops, ExecutorService executor) {
        this.socket = socket;
        this.server = server;
        this.eventLoops = eventLoops;
        this.executor = executor;
    }

    /**
     * @throws IllegalArgumentException when the socket's directory does not exist (the socket's directory is the
     *     volume a driver shares with its sidecars: the driver makes the socket, never the directory) or the
     *     socket path is a directory
     * @throws IOException when the socket cannot be bound
     */
    public static UnixSocketGrpcServer start(Path socket, List<? extends BindableService> services) throws IOException {
        Path parent = socket.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("the directory of the socket " + socket + " does not exist;"
                    + " mount the volume the driver shares with its sidecars there");
        }
        if (Files.isDirectory(socket)) {
            throw new IllegalArgumentException("the socket path " + socket + " is a directory");
        }
        if (!Epoll.isAvailable()) {
            throw new IOException("unix sockets need epoll, which is not available here: " + Epoll.unavailabilityCause());
        }
        if (Files.deleteIfExists(socket)) {
            LOG.info("Removed the stale socket {}", socket);
        }
        EventLoopGroup eventLoops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops)
                .executor(executor);
        services.forEach(builder::addService);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            executor.close();
            throw e;
        }
        return new UnixSocketGrpcServer(socket, server, eventLoops, executor);
    }

    /** The names of the gRPC services served, e.g. csi.v1.Identity. */
    public List<String> services() {
        return server.getServices().stream().map(s -> s.getServiceDescriptor().getName()).toList();
    }

    /** Stops taking calls, lets those in flight finish (up to a grace period), and removes the socket. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        try {
            if (!server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        eventLoops.shutdownGracefully(0, GRACE.toSeconds(), TimeUnit.SECONDS).syncUninterruptibly();
        executor.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the socket " + socket, e);
        }
    }
}
