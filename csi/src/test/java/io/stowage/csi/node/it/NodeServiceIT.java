package io.stowage.csi.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stowage.csi.CsiEndpoint;
import io.stowage.csi.CsiServer;
import io.stowage.csi.CsiSocketClient;
import io.stowage.csi.IdentityService;
import io.stowage.csi.node.MounterClient;
import io.stowage.csi.node.NodeService;
import io.stowage.csi.v1.GetPluginCapabilitiesRequest;
import io.stowage.csi.v1.NodeGetCapabilitiesRequest;
import io.stowage.csi.v1.NodeGetInfoRequest;
import io.stowage.csi.v1.NodeGetInfoResponse;
import io.stowage.csi.v1.NodePublishVolumeRequest;
import io.stowage.csi.v1.NodeServiceCapability;
import io.stowage.csi.v1.NodeStageVolumeRequest;
import io.stowage.csi.v1.NodeUnpublishVolumeRequest;
import io.stowage.csi.v1.NodeUnstageVolumeRequest;
import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import io.stowage.server.it.StowageServerExtension;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Node service over a real unix socket, called as the kubelet and csi-sanity call it: the arguments csi-sanity
 * leaves out on purpose, the node's info and capabilities, a mount daemon that cannot be reached, and the whole
 * stage-publish-unpublish-unstage life of an s3fs volume, each call repeated (idempotency), against a real server
 * through a mount daemon in its own JVM, and a reader-only access mode that mounts read-only. The mount tests need
 * root, /dev/fuse and s3fs; without them they are skipped, saying which (or fail, with
 * {@value FuseSupport#REQUIRE}={@code true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeServiceIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private Path root;
    private DaemonProcess daemon;
    private CsiServer plugin;
    private CsiSocketClient client;
    private CsiServer orphanPlugin;
    private CsiSocketClient orphanClient;

    @BeforeAll
    void start() throws Exception {
        root = Files.createTempDirectory(Path.of("/tmp"), "stowage-csi-node-");
        Path mounterSocket = root.resolve("run/mounter.sock");
        if (FuseSupport.missing("s3fs") == null) {
            daemon = DaemonProcess.start(mounterSocket, root.resolve("state"), Path.of("target", "fuse-it", "node-service-daemon.log"));
        }
        plugin = CsiServer.start(CsiEndpoint.parse(root.resolve("node.sock").toString()),
                IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, false),
                List.of(new NodeService("node-a", new MounterClient(mounterSocket, Duration.ofSeconds(60)))));
        client = new CsiSocketClient(root.resolve("node.sock"));
        orphanPlugin = CsiServer.start(CsiEndpoint.parse(root.resolve("orphan.sock").toString()),
                IdentityService.of(IdentityService.DEFAULT_DRIVER_NAME, false),
                List.of(new NodeService("node-b", new MounterClient(root.resolve("no-daemon.sock")))));
        orphanClient = new CsiSocketClient(root.resolve("orphan.sock"));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {client, plugin, orphanClient, orphanPlugin, daemon}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        MountCleanup.detachUnder(root);
        MountCleanup.deleteTree(root);
    }

    @Test
    void nodeInfoNamesTheNodeAndTheNodeStagesVolumes() {
        NodeGetInfoResponse info = client.node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance());

        assertThat(info.getNodeId()).isEqualTo("node-a");
        assertThat(info.getMaxVolumesPerNode()).isZero();
        assertThat(client.node().nodeGetCapabilities(NodeGetCapabilitiesRequest.getDefaultInstance()).getCapabilitiesList())
                .extracting(c -> c.getRpc().getType()).containsExactly(NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME);
        assertThat(client.identity().getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
                .getCapabilitiesList()).as("a node plugin alone offers no controller").isEmpty();
    }

    @Test
    void stageRefusesMissingOrUnusableArguments() {
        NodeStageVolumeRequest complete = stageRequest("bucket-x", root.resolve("staging-args"), Mode.SINGLE_NODE_WRITER);

        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().clearVolumeId().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().clearStagingTargetPath().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().clearVolumeCapability().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().clearSecrets().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().setStagingTargetPath("relative/path").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeStageVolume(complete.toBuilder().setVolumeCapability(VolumeCapability.newBuilder()
                .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER))).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException unclosed = failure(() -> client.node().nodeStageVolume(complete.toBuilder()
                .putVolumeContext("options", "-o 'unclosed").build()));
        assertThat(unclosed.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        StatusRuntimeException noKey = failure(() -> client.node().nodeStageVolume(complete.toBuilder()
                .removeSecrets("secretAccessKey").build()));
        assertThat(noKey.getStatus().getDescription()).contains("secretAccessKey").doesNotContain(StowageServerExtension.SECRET_KEY);
    }

    @Test
    void publishAndTheUndoCallsRefuseMissingArguments() {
        NodePublishVolumeRequest publish = NodePublishVolumeRequest.newBuilder().setVolumeId("csi:bucket-x")
                .setStagingTargetPath(root.resolve("staging-args").toString()).setTargetPath(root.resolve("target-args").toString())
                .setVolumeCapability(capability(Mode.SINGLE_NODE_WRITER)).build();

        assertThat(code(() -> client.node().nodePublishVolume(publish.toBuilder().clearVolumeId().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodePublishVolume(publish.toBuilder().clearTargetPath().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodePublishVolume(publish.toBuilder().clearVolumeCapability().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodePublishVolume(publish.toBuilder().clearStagingTargetPath().build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeUnpublishVolume(NodeUnpublishVolumeRequest.newBuilder()
                .setTargetPath(root.resolve("target-args").toString()).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeUnpublishVolume(NodeUnpublishVolumeRequest.newBuilder()
                .setVolumeId("csi:bucket-x").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder()
                .setStagingTargetPath(root.resolve("staging-args").toString()).build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> client.node().nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder()
                .setVolumeId("csi:bucket-x").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aMountDaemonThatCannotBeReachedIsUnavailable() {
        assertThat(code(() -> orphanClient.node().nodeStageVolume(stageRequest("bucket-x", root.resolve("staging-orphan"),
                Mode.SINGLE_NODE_WRITER)))).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void aVolumeLivesThroughStagePublishUnpublishUnstageAndEveryCallCanBeRepeated() throws Exception {
        FuseSupport.assume("s3fs");
        String bucket = "node-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        Path staging = Files.createDirectories(root.resolve("kubelet/staging-" + bucket));
        Path target = root.resolve("kubelet/pods/" + bucket + "/mount");
        Path readOnlyTarget = root.resolve("kubelet/pods/" + bucket + "-ro/mount");
        String volumeId = bucket;
        NodeStageVolumeRequest stage = stageRequest(bucket, staging, Mode.MULTI_NODE_MULTI_WRITER);
        NodePublishVolumeRequest publish = NodePublishVolumeRequest.newBuilder().setVolumeId(volumeId)
                .setStagingTargetPath(staging.toString()).setTargetPath(target.toString())
                .setVolumeCapability(capability(Mode.MULTI_NODE_MULTI_WRITER)).build();

        assertThat(code(() -> client.node().nodePublishVolume(publish)))
                .as("publish before stage").isEqualTo(Status.Code.FAILED_PRECONDITION);
        client.node().nodeStageVolume(stage);
        client.node().nodeStageVolume(stage);
        client.node().nodePublishVolume(publish);
        client.node().nodePublishVolume(publish);
        client.node().nodePublishVolume(publish.toBuilder().setTargetPath(readOnlyTarget.toString()).setReadonly(true).build());

        Files.writeString(target.resolve("written.txt"), "through the published target");
        assertThat(Files.readString(readOnlyTarget.resolve("written.txt"))).isEqualTo("through the published target");
        FileSystemException readOnly = catchThrowableOfType(FileSystemException.class,
                () -> Files.writeString(readOnlyTarget.resolve("refused.txt"), "no"));
        assertThat(readOnly.getMessage()).contains("Read-only file system");
        assertThat(code(() -> client.node().nodePublishVolume(publish.toBuilder().setReadonly(true).build())))
                .as("the same target with another read-only flag").isEqualTo(Status.Code.ALREADY_EXISTS);

        for (Path published : List.of(target, readOnlyTarget)) {
            NodeUnpublishVolumeRequest unpublish = NodeUnpublishVolumeRequest.newBuilder().setVolumeId(volumeId)
                    .setTargetPath(published.toString()).build();
            client.node().nodeUnpublishVolume(unpublish);
            client.node().nodeUnpublishVolume(unpublish);
            assertThat(published).as("the target is removed").doesNotExist();
        }
        NodeUnstageVolumeRequest unstage = NodeUnstageVolumeRequest.newBuilder().setVolumeId(volumeId)
                .setStagingTargetPath(staging.toString()).build();
        client.node().nodeUnstageVolume(unstage);
        client.node().nodeUnstageVolume(unstage);
        assertThat(MountCleanup.detachUnder(root.resolve("kubelet"))).as("mounts left behind").isEmpty();
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("written.txt")).asUtf8String())
                    .isEqualTo("through the published target");
        }
    }

    @Test
    void aReaderOnlyAccessModeMountsTheVolumeReadOnlyWithoutTheReadonlyFlag() throws Exception {
        FuseSupport.assume("s3fs");
        String bucket = "node-ro-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("present.txt"), RequestBody.fromString("stored before"));
        }
        Path staging = Files.createDirectories(root.resolve("kubelet/staging-" + bucket));
        Path target = root.resolve("kubelet/pods/" + bucket + "/mount");
        client.node().nodeStageVolume(stageRequest(bucket, staging, Mode.MULTI_NODE_READER_ONLY));
        client.node().nodePublishVolume(NodePublishVolumeRequest.newBuilder().setVolumeId(bucket)
                .setStagingTargetPath(staging.toString()).setTargetPath(target.toString())
                .setVolumeCapability(capability(Mode.MULTI_NODE_READER_ONLY)).build());
        try {
            assertThat(Files.readString(target.resolve("present.txt"))).isEqualTo("stored before");
            for (Path mounted : List.of(target, staging)) {
                FileSystemException refused = catchThrowableOfType(FileSystemException.class,
                        () -> Files.writeString(mounted.resolve("refused.txt"), "no"));
                assertThat(refused).as("a write at " + mounted).isNotNull();
                assertThat(refused.getMessage()).contains("Read-only file system");
            }
        } finally {
            client.node().nodeUnpublishVolume(NodeUnpublishVolumeRequest.newBuilder().setVolumeId(bucket)
                    .setTargetPath(target.toString()).build());
            client.node().nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder().setVolumeId(bucket)
                    .setStagingTargetPath(staging.toString()).build());
        }
        try (S3Client s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY)) {
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("present.txt");
        }
    }

    private static NodeStageVolumeRequest stageRequest(String bucket, Path staging, Mode mode) {
        return NodeStageVolumeRequest.newBuilder().setVolumeId(bucket).setStagingTargetPath(staging.toString())
                .setVolumeCapability(capability(mode)).putVolumeContext("mounter", "s3fs")
                .putAllSecrets(Map.of("endpoint", SERVER.endpoint().toString(),
                        "accessKeyID", StowageServerExtension.ACCESS_KEY,
                        "secretAccessKey", StowageServerExtension.SECRET_KEY))
                .build();
    }

    private static VolumeCapability capability(Mode mode) {
        return VolumeCapability.newBuilder().setMount(VolumeCapability.MountVolume.getDefaultInstance())
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode)).build();
    }

    private static StatusRuntimeException failure(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run);
    }

    private static Status.Code code(Runnable call) {
        StatusRuntimeException e = failure(call);
        return e == null ? Status.Code.OK : e.getStatus().getCode();
    }
}
