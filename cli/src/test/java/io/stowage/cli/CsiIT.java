package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.admin.client.AdminClient;
import io.stowage.cli.it.ServerProcess;
import io.stowage.csi.CsiSocketClient;
import io.stowage.csi.VolumeHandle;
import io.stowage.csi.node.it.FuseSupport;
import io.stowage.csi.node.it.QuotaRefusal;
import io.stowage.csi.v1.CapacityRange;
import io.stowage.csi.v1.CreateVolumeRequest;
import io.stowage.csi.v1.DeleteVolumeRequest;
import io.stowage.csi.v1.GetPluginInfoRequest;
import io.stowage.csi.v1.NodeGetInfoRequest;
import io.stowage.csi.v1.NodePublishVolumeRequest;
import io.stowage.csi.v1.NodeStageVolumeRequest;
import io.stowage.csi.v1.NodeUnpublishVolumeRequest;
import io.stowage.csi.v1.NodeUnstageVolumeRequest;
import io.stowage.csi.v1.Volume;
import io.stowage.csi.v1.VolumeCapability;
import io.stowage.csi.v1.VolumeCapability.AccessMode.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher's `stowage csi` in its three roles, each its own process as in the chart's pods (controller;
 * node plugin; mount daemon), against a `stowage server` process: a volume is created, staged with s3fs or
 * rclone and published, then the node plugin is SIGKILLed and started again between publish and use, and the mount serves
 * throughout; a write past the volume's capacity fails in the writer with the mounter's own error ({@link QuotaRefusal}),
 * and the server stores no more than the capacity; the new plugin unpublishes and unstages, and the controller deletes
 * the volume. A volume in a shared bucket (StorageClass parameter {@code bucket}) holds its capacity the same way
 * through a mount, as the hard quota of its prefix.
 *
 * <p>Needs /dev/fuse, s3fs, rclone (found on the same search path as the mount daemon's) and root (mount); without
 * them the test says so and is skipped, or fails with {@value FuseSupport#REQUIRE}={@code true} (CI).
 */
class CsiIT {

    private static final Path JAR = Path.of("target", "stowage.jar");
    private static final long MIB = 1024 * 1024;
    private static final String CONTROLLER_SOCKET = "controller.sock";
    private static final String NODE_SOCKET = "node.sock";
    private static final String MOUNTER_SOCKET = "mounter.sock";
    private static final long CAPACITY = 4 * MIB;

    @TempDir
    Path dir;

    private ServerProcess server;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        FuseSupport.assume("s3fs");
        FuseSupport.assume("rclone");
        server = ServerProcess.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Path mount : List.of(dir.resolve("target"), dir.resolve("staging"))) {
            new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3fs", "rclone"})
    void aPublishedVolumeKeepsServingWhileTheNodePluginIsKilledAndStartedAgain(String mounter) throws Exception {
        Path controllerSocket = dir.resolve(CONTROLLER_SOCKET);
        Path nodeSocket = dir.resolve(NODE_SOCKET);
        Path mounterSocket = dir.resolve(MOUNTER_SOCKET);
        Process node = startDriver();
        Path staging = Files.createDirectory(dir.resolve("staging"));
        Path target = dir.resolve("target");
        String name = "pvc-" + UUID.randomUUID();

        Volume volume;
        try (CsiSocketClient controller = new CsiSocketClient(awaitSocket(controllerSocket))) {
            assertThat(controller.identity().getPluginInfo(GetPluginInfoRequest.getDefaultInstance()).getName())
                    .isEqualTo("s3.csi.stowage.io");
            volume = controller.controller().createVolume(CreateVolumeRequest.newBuilder().setName(name)
                    .addVolumeCapabilities(capability()).putAllSecrets(secrets())
                    .putAllParameters(parameters(mounter))
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(CAPACITY)).build()).getVolume();
        }
        try (CsiSocketClient plugin = new CsiSocketClient(awaitSocket(nodeSocket))) {
            assertThat(plugin.node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance()).getNodeId()).isEqualTo("node-a");
            stageAndPublish(plugin, volume, staging, target);
        }
        Files.createDirectories(target.resolve("reports"));
        Files.writeString(target.resolve("reports/before.txt"), "written before the plugin died");

        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(node.isAlive()).isFalse();

        Files.writeString(target.resolve("reports/while-down.txt"), "written while no plugin ran");
        assertThat(Files.readString(target.resolve("reports/before.txt"))).isEqualTo("written before the plugin died");
        assertThat(mountPoints()).contains(staging.toString(), target.toString());

        Files.delete(nodeSocket);
        start("node-again", "--mode=node", "--endpoint=unix://" + nodeSocket, "--node-id=node-a",
                "--mounter-socket=" + mounterSocket);
        try (CsiSocketClient plugin = new CsiSocketClient(awaitSocket(nodeSocket))) {
            assertThat(Files.readString(target.resolve("reports/while-down.txt"))).isEqualTo("written while no plugin ran");
            String bucket = volume.getVolumeId().substring("csi:".length());
            assertThat(objectsOnServer(bucket)).as("both files the mount wrote, on the server").isGreaterThanOrEqualTo(2);
            assertWritesPastTheCapacityAreRefused(target, VolumeHandle.parse(volume.getVolumeId()).orElseThrow(), mounter);

            plugin.node().nodeUnpublishVolume(NodeUnpublishVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setTargetPath(target.toString()).build());
            plugin.node().nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setStagingTargetPath(staging.toString()).build());
        }
        assertThat(mountPoints()).doesNotContain(staging.toString(), target.toString());
        assertThat(target).doesNotExist();
        try (CsiSocketClient controller = new CsiSocketClient(controllerSocket)) {
            controller.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .putAllSecrets(secrets()).build());
        }
        try (AdminClient admin = server.client()) {
            assertThat(admin.listBuckets()).noneMatch(b -> volume.getVolumeId().endsWith(":" + b.name()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3fs", "rclone"})
    void aVolumeInASharedBucketRefusesWritesPastItsCapacityThroughTheMount(String mounter) throws Exception {
        Path controllerSocket = dir.resolve(CONTROLLER_SOCKET);
        Path nodeSocket = dir.resolve(NODE_SOCKET);
        startDriver();
        Path staging = Files.createDirectory(dir.resolve("staging"));
        Path target = dir.resolve("target");
        String shared = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "pvc-" + UUID.randomUUID();

        Volume volume;
        try (CsiSocketClient controller = new CsiSocketClient(awaitSocket(controllerSocket))) {
            volume = controller.controller().createVolume(CreateVolumeRequest.newBuilder().setName(name)
                    .addVolumeCapabilities(capability()).putAllSecrets(secrets())
                    .putAllParameters(parameters(mounter)).putParameters("bucket", shared)
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(CAPACITY)).build()).getVolume();
        }
        VolumeHandle handle = VolumeHandle.parse(volume.getVolumeId()).orElseThrow();
        assertThat(handle.bucket()).isEqualTo(shared);
        assertThat(handle.objectPrefix()).isEqualTo(name + "/");
        try (CsiSocketClient plugin = new CsiSocketClient(awaitSocket(nodeSocket))) {
            stageAndPublish(plugin, volume, staging, target);
            Files.createDirectories(target.resolve("reports"));
            Files.writeString(target.resolve("reports/within.txt"), "within the capacity");

            assertWritesPastTheCapacityAreRefused(target, handle, mounter);
            assertThat(keys(handle)).contains(name + "/reports/within.txt");

            plugin.node().nodeUnpublishVolume(NodeUnpublishVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setTargetPath(target.toString()).build());
            plugin.node().nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setStagingTargetPath(staging.toString()).build());
        }
        try (CsiSocketClient controller = new CsiSocketClient(controllerSocket)) {
            controller.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .putAllSecrets(secrets()).build());
        }
        assertThat(keys(handle)).isEmpty();
    }

    /**
     * A file bigger than the volume's capacity fails in the writer with the mounter's error, and the objects stored in
     * the volume's bucket or under its prefix come to no more than the capacity.
     */
    private void assertWritesPastTheCapacityAreRefused(Path target, VolumeHandle volume, String mounter) throws Exception {
        IOException refused = catchThrowableOfType(IOException.class,
                () -> Files.write(target.resolve("reports/too-big.bin"), new byte[(int) (6 * MIB)]));
        assertThat(refused).as("a write past the capacity").isNotNull();
        assertThat(refused.getMessage()).contains(QuotaRefusal.of(mounter).message());
        try (S3Client s3 = s3()) {
            long stored = s3.listObjectsV2Paginator(b -> b.bucket(volume.bucket()).prefix(volume.objectPrefix()))
                    .contents().stream().mapToLong(S3Object::size).sum();
            assertThat(stored).as("bytes stored in " + volume).isLessThanOrEqualTo(CAPACITY);
        }
    }

    /** The keys of the objects under the volume's prefix. */
    private List<String> keys(VolumeHandle volume) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(volume.bucket()).prefix(volume.objectPrefix()))
                    .contents().stream().map(S3Object::key).toList();
        }
    }

    private S3Client s3() {
        return S3Client.builder().endpointOverride(server.s3Endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ServerProcess.ROOT_ACCESS_KEY, ServerProcess.ROOT_SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }

    /** The StorageClass parameters: the mounter, with the options that make it report a refused upload. */
    private static Map<String, String> parameters(String mounter) {
        List<String> options = QuotaRefusal.of(mounter).reportingOptions();
        return options.isEmpty() ? Map.of("mounter", mounter) : Map.of("mounter", mounter, "options", String.join(" ", options));
    }

    /** The bucket's object count once it holds two objects, or after 30 s: rclone uploads just after close. */
    private long objectsOnServer(String bucket) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (AdminClient admin = server.client()) {
            long objects = admin.getBucketUsage(bucket).objects();
            while (objects < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                objects = admin.getBucketUsage(bucket).objects();
            }
            return objects;
        }
    }

    private Map<String, String> secrets() {
        return Map.of("s3Endpoint", server.s3Endpoint().toString(), "adminEndpoint", server.adminEndpoint().toString(),
                "adminToken", ServerProcess.ADMIN_TOKEN, "accessKeyID", ServerProcess.ROOT_ACCESS_KEY,
                "secretAccessKey", ServerProcess.ROOT_SECRET_KEY);
    }

    private static VolumeCapability capability() {
        return VolumeCapability.newBuilder().setMount(VolumeCapability.MountVolume.getDefaultInstance())
                .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER)).build();
    }

    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString(), "csi"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /**
     * The driver as a node runs it: the mount daemon, the controller and the node plugin, each its own process on its
     * socket in the test's directory, the daemon's socket up; returns the node plugin.
     */
    private Process startDriver() throws Exception {
        Path mounterSocket = dir.resolve(MOUNTER_SOCKET);
        start("mounter", "--mode=mounter", "--mounter-socket=" + mounterSocket, "--state-dir=" + dir.resolve("state"));
        start("controller", "--mode=controller", "--endpoint=unix://" + dir.resolve(CONTROLLER_SOCKET));
        Process node = start("node", "--mode=node", "--endpoint=unix://" + dir.resolve(NODE_SOCKET), "--node-id=node-a",
                "--mounter-socket=" + mounterSocket);
        awaitSocket(mounterSocket);
        return node;
    }

    /** Stages the volume at {@code staging} and publishes it at {@code target}, as the kubelet does for a pod. */
    private void stageAndPublish(CsiSocketClient plugin, Volume volume, Path staging, Path target) {
        plugin.node().nodeStageVolume(NodeStageVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                .setStagingTargetPath(staging.toString()).setVolumeCapability(capability())
                .putAllVolumeContext(volume.getVolumeContextMap()).putAllSecrets(secrets()).build());
        plugin.node().nodePublishVolume(NodePublishVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                .setStagingTargetPath(staging.toString()).setTargetPath(target.toString())
                .setVolumeCapability(capability()).build());
    }

    private Path awaitSocket(Path socket) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                return socket;
            }
            Thread.sleep(100);
        }
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                logs.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        throw new AssertionError("no socket " + socket + " after 60 s; logs:" + logs);
    }

    /** The mount points this process's mount namespace has, from /proc/self/mountinfo (field 5). */
    private static List<String> mountPoints() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(line -> line.split(" ")[4])
                .map(point -> point.replace("\\040", " ")).toList();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
