package io.stowage.kube.cosi.v1alpha1;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.stowage.kube.cosi.v1alpha1.proto.IdentityGrpc;
import io.stowage.kube.cosi.v1alpha1.proto.ProvisionerGrpc;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client on a COSI driver's unix socket, as the sidecar connects: blocking stubs on an epoll channel.
 * The cli's end-to-end tests use it too.
 */
public final class CosiSocketClient implements AutoCloseable {

    private final EventLoopGroup eventLoops = new EpollEventLoopGroup(1);
    private final ManagedChannel channel;

    public CosiSocketClient(Path socket) {
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toFile()))
                .eventLoopGroup(eventLoops)
                .channelType(EpollDomainSocketChannel.class)
                .usePlaintext()
                .build();
    }

    public IdentityGrpc.IdentityBlockingStub identity() {
        return IdentityGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public ProvisionerGrpc.ProvisionerBlockingStub provisioner() {
        return ProvisionerGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }
}
