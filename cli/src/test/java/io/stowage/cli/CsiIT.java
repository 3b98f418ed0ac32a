package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stowage.admin.client.AdminClient;
import io.stowage.cli.it.ServerProcess;
import io.stowage.csi.CsiSocketClient;
import io.stowage.csi.node.it.FuseSupport;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher's `stowage csi` in its three roles, each its own process as in the chart's pods (controller;
 * node plugin; mount daemon), against a `stowage server` process: a volume is created, staged with s3fs or
 * rclone and published, then the node plugin is SIGKILLed and started again between publish and use, and the mount serves
 * throughout; a write past the volume's capacity fails in the writer with the mounter's own error, and the server stores
 * no more than the capacity; the new plugin unpublishes and unstages, and the controller deletes the volume.
 *
 * <p>Needs /dev/fuse, s3fs, rclone (found on the same search path as the mount daemon's) and root (mount); without
 * them the test says so and is skipped, or fails with {@value FuseSupport#REQUIRE}={@code true} (CI).
 */
class CsiIT {

    private static final Path JAR = Path.of("target", "stowage.jar");
    private static final long MIB = 1024 * 1024;
    /**
     * What the writer sees when the server refuses an upload past the quota (400 QuotaExceeded): both s3fs and rclone
     * report EIO; neither turns an S3 error into ENOSPC.
     */
    private static final Map<String, String> QUOTA_REFUSAL = Map.of("s3fs", "Input/output error",
            "rclone", "Input/output error");
    /** rclone's write cache uploads after close() has answered, so only the uncached mode can report a refusal. */
    private static final Map<String, String> OPTIONS = Map.of("s3fs", "", "rclone", "--vfs-cache-mode=off");

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
        Path controllerSocket = dir.resolve("controller.sock");
        Path nodeSocket = dir.resolve("node.sock");
        Path mounterSocket = dir.resolve("mounter.sock");
        start("mounter", "--mode=mounter", "--mounter-socket=" + mounterSocket, "--state-dir=" + dir.resolve("state"));
        start("controller", "--mode=controller", "--endpoint=unix://" + controllerSocket);
        Process node = start("node", "--mode=node", "--endpoint=unix://" + nodeSocket, "--node-id=node-a",
                "--mounter-socket=" + mounterSocket);
        awaitSocket(mounterSocket);
        Path staging = Files.createDirectory(dir.resolve("staging"));
        Path target = dir.resolve("target");
        String name = "pvc-" + UUID.randomUUID();

        Volume volume;
        try (CsiSocketClient controller = new CsiSocketClient(awaitSocket(controllerSocket))) {
            assertThat(controller.identity().getPluginInfo(GetPluginInfoRequest.getDefaultInstance()).getName())
                    .isEqualTo("s3.csi.stowage.io");
            volume = controller.controller().createVolume(CreateVolumeRequest.newBuilder().setName(name)
                    .addVolumeCapabilities(capability()).putAllSecrets(secrets())
                    .putParameters("mounter", mounter)
                    .putAllParameters(OPTIONS.get(mounter).isEmpty() ? Map.of() : Map.of("options", OPTIONS.get(mounter)))
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(4 * MIB)).build()).getVolume();
        }
        try (CsiSocketClient plugin = new CsiSocketClient(awaitSocket(nodeSocket))) {
            assertThat(plugin.node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance()).getNodeId()).isEqualTo("node-a");
            plugin.node().nodeStageVolume(NodeStageVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setStagingTargetPath(staging.toString()).setVolumeCapability(capability())
                    .putAllVolumeContext(volume.getVolumeContextMap()).putAllSecrets(secrets()).build());
            plugin.node().nodePublishVolume(NodePublishVolumeRequest.newBuilder().setVolumeId(volume.getVolumeId())
                    .setStagingTargetPath(staging.toString()).setTargetPath(target.toString())
                    .setVolumeCapability(capability()).build());
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
            assertWritesPastTheCapacityAreRefused(target, bucket, mounter);

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

    /** A file bigger than the volume's capacity fails in the writer, and the server stores no more than the capacity. */
    private void assertWritesPastTheCapacityAreRefused(Path target, String bucket, String mounter) throws Exception {
        IOException refused = catchThrowableOfType(IOException.class,
                () -> Files.write(target.resolve("reports/too-big.bin"), new byte[(int) (6 * MIB)]));
        assertThat(refused).as("a write past the capacity").isNotNull();
        assertThat(refused.getMessage()).contains(QUOTA_REFUSAL.get(mounter));
        try (AdminClient admin = server.client()) {
            assertThat(admin.getBucketUsage(bucket).bytes()).isLessThanOrEqualTo(4 * MIB);
        }
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
