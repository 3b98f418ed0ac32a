package io.stowage.csi.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Quota;
import io.stowage.csi.node.MountException;
import io.stowage.csi.node.MounterClient;
import io.stowage.csi.node.PublishRequest;
import io.stowage.csi.node.S3Access;
import io.stowage.csi.node.StageRequest;
import io.stowage.csi.node.system.MountEntry;
import io.stowage.csi.node.system.MountTable;
import io.stowage.server.it.StowageServerExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Real FUSE mounts of an in-process server's buckets, through the mount daemon running as its own JVM and
 * the client the node plugin uses: one subclass per mounter. Needs root, /dev/fuse and the mounter; where one
 * is missing the tests are skipped, saying which (or fail, with {@value FuseSupport#REQUIRE}={@code true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FuseMountContractIT {

    @RegisterExtension
    static final StowageServerExtension SERVER = new StowageServerExtension();

    private static final Duration REPAIR_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Path root;
    private Path socket;
    private Path stateDir;
    private DaemonProcess daemon;
    private Path daemonLog;
    private int daemonStarts;
    private final DeadMounts deadMounts = new DeadMounts();
    private MounterClient client;
    private S3Client s3;
    private final List<StageRequest> staged = new ArrayList<>();
    private final List<PublishRequest> published = new ArrayList<>();

    /** The mounter under test: s3fs, rclone or geesefs. */
    abstract String mounter();

    /**
     * Whether a file is an object once close() returns (s3fs uploads at flush). Otherwise the upload
     * follows the close, and the tests give it a few seconds to arrive.
     */
    abstract boolean uploadsAtClose();

    /** The error the writer gets when the server refuses an upload past the quota, and how to make it report one. */
    private QuotaRefusal quotaRefusal() {
        return QuotaRefusal.of(mounter());
    }

    @BeforeAll
    void startDaemon() throws Exception {
        if (FuseSupport.missing(mounter()) != null) {
            return;
        }
        root = Files.createTempDirectory(Path.of("/tmp"), "stowage-csi-" + mounter() + "-");
        socket = root.resolve("run/mounter.sock");
        stateDir = root.resolve("state");
        startNewDaemon();
        client = new MounterClient(socket, Duration.ofSeconds(60));
        s3 = SERVER.s3As(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY);
    }

    @BeforeEach
    void requireFuse() {
        FuseSupport.assume(mounter());
    }

    private void startNewDaemon() throws Exception {
        daemonLog = Path.of("target", "fuse-it", mounter() + "-daemon-" + (++daemonStarts) + ".log");
        daemon = DaemonProcess.start(socket, stateDir, daemonLog);
    }

    @AfterEach
    void undoMounts() throws Exception {
        if (root == null) {
            return;
        }
        for (PublishRequest request : published) {
            quietly(() -> client.unpublish(request.volumeId(), request.targetPath()));
        }
        for (StageRequest request : staged) {
            quietly(() -> client.unstage(request.volumeId(), request.stagingPath()));
        }
        published.clear();
        staged.clear();
        assertThat(MountCleanup.detachUnder(root.resolve("kubelet"))).as("mounts left behind").isEmpty();
    }

    @AfterAll
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (root != null) {
            MountCleanup.detachUnder(root);
            MountCleanup.deleteTree(root);
        }
        deadMounts.close();
        if (s3 != null) {
            s3.close();
        }
    }

    // ---- the contract

    @Test
    void filesWrittenThroughTheMountAreObjectsAndReadBack() throws Exception {
        String bucket = bucket();
        s3.putObject(b -> b.bucket(bucket).key("from-s3/hello.txt"), RequestBody.fromString("put through S3"));
        StageRequest stage = stage(bucket, "", false);
        Path target = publish(stage, false);

        Files.writeString(target.resolve("top.txt"), "top level");
        Files.createDirectories(target.resolve("a/b"));
        Files.writeString(target.resolve("a/b/deep.txt"), "nested");

        assertThat(object(bucket, "top.txt")).isEqualTo("top level");
        assertThat(object(bucket, "a/b/deep.txt")).isEqualTo("nested");
        assertThat(Files.readString(target.resolve("from-s3/hello.txt"))).isEqualTo("put through S3");
        assertThat(Files.readString(target.resolve("a/b/deep.txt"))).isEqualTo("nested");
        try (var entries = Files.list(target.resolve("a"))) {
            assertThat(entries).extracting(p -> p.getFileName().toString()).containsExactly("b");
        }

        long mounterPid = onlyMounter().pid();
        client.stage(stage);
        client.publish(new PublishRequest(stage.volumeId(), stage.stagingPath(), target, false));
        assertThat(mountsAt(stage.stagingPath())).hasSize(1);
        assertThat(mountsAt(target)).hasSize(1);
        assertThat(onlyMounter().pid()).as("a repeated stage starts no mounter").isEqualTo(mounterPid);

        client.unpublish(stage.volumeId(), target);
        client.unpublish(stage.volumeId(), target);
        assertThat(target).doesNotExist();
        assertThat(mountsAt(target)).isEmpty();
        client.unstage(stage.volumeId(), stage.stagingPath());
        client.unstage(stage.volumeId(), stage.stagingPath());
        assertThat(mountsAt(stage.stagingPath())).isEmpty();
        assertThat(MountTable.read().under(root)).isEmpty();
        assertThat(daemon.mounters()).as("the mounter ends with its unstage").isEmpty();
        assertThat(object(bucket, "a/b/deep.txt")).isEqualTo("nested");
    }

    @Test
    void aReadOnlyTargetRefusesWritesWhileTheOtherWrites() throws Exception {
        StageRequest stage = stage(bucket(), "", false);
        Path writable = publish(stage, false);
        Path readOnly = publish(stage, true);

        Files.writeString(writable.resolve("shared.txt"), "written once");

        assertThat(Files.readString(readOnly.resolve("shared.txt"))).isEqualTo("written once");
        assertThatThrownBy(() -> Files.writeString(readOnly.resolve("refused.txt"), "no"))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("Read-only file system");
        assertThat(mountsAt(readOnly)).singleElement().satisfies(m -> assertThat(m.isReadOnly()).isTrue());
        assertReason(() -> client.publish(new PublishRequest(stage.volumeId(), stage.stagingPath(), readOnly, false)),
                MountException.Reason.CONFLICT, "already published at " + readOnly + " read-only");
    }

    @Test
    void aReadOnlyVolumeIsReadOnlyInTheMounterToo() throws Exception {
        String bucket = bucket();
        s3.putObject(b -> b.bucket(bucket).key("existing.txt"), RequestBody.fromString("kept"));
        StageRequest stage = stage(bucket, "", true);
        Path target = publish(stage, false);

        assertThat(Files.readString(target.resolve("existing.txt"))).isEqualTo("kept");
        assertThatThrownBy(() -> Files.writeString(target.resolve("refused.txt"), "no"))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("Read-only file system");
        assertThat(keys(bucket)).containsExactly("existing.txt");
    }

    @Test
    void aPrefixVolumeWritesUnderItsPrefixOnly() throws Exception {
        String bucket = bucket();
        s3.putObject(b -> b.bucket(bucket).key("other/outside.txt"), RequestBody.fromString("not in the volume"));
        s3.putObject(b -> b.bucket(bucket).key("team/pv-1/inside.txt"), RequestBody.fromString("in the volume"));
        StageRequest stage = stage(bucket, "team/pv-1", false);
        Path target = publish(stage, false);

        Files.writeString(target.resolve("new.txt"), "new");
        Files.createDirectories(target.resolve("dir"));
        Files.writeString(target.resolve("dir/nested.txt"), "nested");

        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("in the volume");
        try (var entries = Files.list(target)) {
            assertThat(entries).extracting(p -> p.getFileName().toString())
                    .contains("inside.txt", "new.txt", "dir").doesNotContain("other", "team");
        }
        assertThat(object(bucket, "team/pv-1/dir/nested.txt")).isEqualTo("nested");
        assertThat(object(bucket, "team/pv-1/new.txt")).isEqualTo("new");
        assertThat(keys(bucket)).contains("team/pv-1/new.txt", "team/pv-1/dir/nested.txt", "other/outside.txt")
                .allMatch(key -> key.startsWith("team/pv-1/") || key.equals("other/outside.txt"));
    }

    @Test
    void aFullVolumeRefusesWritesAndTheServerKeepsItsQuota() throws Exception {
        String bucket = bucket();
        long quota = 1 << 20;
        try (AdminClient admin = AdminClient.builder(SERVER.adminEndpoint()).token(StowageServerExtension.ADMIN_TOKEN)
                .build()) {
            admin.setBucketQuota(bucket, new Quota(quota, 0));
        }
        Path target = publish(stage(bucket, "", false, quotaRefusal().reportingOptions()), false);

        // Stowage answers a write past the quota with 400 QuotaExceeded, which each mounter reports its own way
        // (QuotaRefusal); no mounter turns an S3 error into ENOSPC.
        assertThatThrownBy(() -> writeAndSync(target.resolve("big.bin"), 3 << 20))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(quotaRefusal().message());

        long stored = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().mapToLong(S3Object::size).sum();
        assertThat(stored).isLessThanOrEqualTo(quota);
    }

    @Test
    void aDeadMountIsMountedAgainByTheNextPublishOrStageWithItsTargetsBoundAgain() throws Exception {
        StageRequest stage = stage(bucket(), "", false);
        Path target = publish(stage, false);
        Path readOnly = publish(stage, true);
        Files.writeString(target.resolve("before.txt"), "survives");
        assertThat(object(stage.bucket(), "before.txt")).as("uploaded before the mount died").isEqualTo("survives");

        // A publish that finds its mount dead mounts it again before it answers: the mounter has not exited, so
        // only the publish's own check can have seen it.
        ProcessHandle first = killMount(stage);
        assertDead(target);
        client.publish(new PublishRequest(stage.volumeId(), stage.stagingPath(), target, false));
        assertThat(repairsLogged(stage)).as("repairs by a call").isEqualTo(1);
        assertThat(Files.readString(target.resolve("before.txt"))).isEqualTo("survives");
        assertThat(Files.readString(readOnly.resolve("before.txt"))).isEqualTo("survives");
        assertThat(onlyMounter().pid()).isNotEqualTo(first.pid());

        // So does a stage.
        ProcessHandle second = killMount(stage);
        assertDead(stage.stagingPath());
        client.stage(stage);
        assertThat(repairsLogged(stage)).as("repairs by a call").isEqualTo(2);
        assertThat(Files.readString(target.resolve("before.txt"))).isEqualTo("survives");
        assertThat(onlyMounter().pid()).isNotEqualTo(second.pid());
        assertThat(mountsAt(readOnly)).singleElement().satisfies(m -> assertThat(m.isReadOnly()).isTrue());
        assertThat(mountsAt(target)).hasSize(1);
        assertThat(mountsAt(stage.stagingPath())).hasSize(1);
    }

    @Test
    void aKilledMounterIsMountedAgainWithoutACallAndItsTargetsBoundAgain() throws Exception {
        StageRequest stage = stage(bucket(), "", false);
        Path target = publish(stage, false);
        Path readOnly = publish(stage, true);
        Files.writeString(target.resolve("before.txt"), "survives");
        assertThat(object(stage.bucket(), "before.txt")).as("uploaded before the kill").isEqualTo("survives");

        // The daemon sees its mounter exit and mounts the volume and both targets again.
        ProcessHandle killed = killMounter();
        assertThat(eventually(() -> Files.readString(readOnly.resolve("before.txt")))).isEqualTo("survives");
        assertThat(eventually(() -> Files.readString(target.resolve("before.txt")))).isEqualTo("survives");
        assertThat(onlyMounter().pid()).isNotEqualTo(killed.pid());
        Files.writeString(target.resolve("after.txt"), "written after the repair");
        assertThat(object(stage.bucket(), "after.txt")).isEqualTo("written after the repair");
        assertThat(mountsAt(readOnly)).singleElement().satisfies(m -> assertThat(m.isReadOnly()).isTrue());
        assertThat(mountsAt(target)).hasSize(1);
        assertThat(mountsAt(stage.stagingPath())).hasSize(1);
    }

    @Test
    void aDeadMountIsUnpublishedAndUnstagedCleanly() throws Exception {
        StageRequest stage = stage(bucket(), "", false);
        Path target = publish(stage, false);

        killMount(stage);
        assertDead(target);
        client.unpublish(stage.volumeId(), target);
        client.unstage(stage.volumeId(), stage.stagingPath());

        assertThat(target).doesNotExist();
        assertThat(MountTable.read().under(root)).isEmpty();
        Thread.sleep(500);
        assertThat(daemon.mounters()).as("no repair after the unstage").isEmpty();
        assertThat(MountTable.read().under(root)).isEmpty();
        assertThat(repairsLogged(stage)).as("repairs by unpublish or unstage").isZero();
    }

    /**
     * A daemon killed with its mounters (its container died) and a daemon killed alone (its mounters run on,
     * orphaned): the next daemon mounts both volumes again from its state and binds their targets.
     */
    @Test
    void aRestartedDaemonMountsItsVolumesAgain() throws Exception {
        StageRequest diedWithIt = stage(bucket(), "", false);
        StageRequest orphaned = stage(bucket(), "", false);
        Path deadTarget = publish(diedWithIt, false);
        Path liveTarget = publish(orphaned, true);
        Files.writeString(deadTarget.resolve("before.txt"), "survives");
        assertThat(object(diedWithIt.bucket(), "before.txt")).as("uploaded before the kill").isEqualTo("survives");
        s3.putObject(b -> b.bucket(orphaned.bucket()).key("kept.txt"), RequestBody.fromString("kept"));
        ProcessHandle killed = mounterOf(diedWithIt);
        ProcessHandle orphan = mounterOf(orphaned);

        killed.destroyForcibly();
        daemon.kill();
        startNewDaemon();

        assertThat(orphan.isAlive()).as("the mounter the killed daemon left is stopped").isFalse();
        assertThat(daemon.mounters()).hasSize(2).noneMatch(p -> p.pid() == killed.pid() || p.pid() == orphan.pid());
        for (Path mountPoint : List.of(diedWithIt.stagingPath(), orphaned.stagingPath(), deadTarget, liveTarget)) {
            assertThat(mountsAt(mountPoint)).as(mountPoint.toString()).hasSize(1);
        }
        assertThat(Files.readString(deadTarget.resolve("before.txt"))).isEqualTo("survives");
        assertThat(Files.readString(liveTarget.resolve("kept.txt"))).isEqualTo("kept");
        assertThat(mountsAt(liveTarget).getFirst().isReadOnly()).isTrue();
        Files.writeString(deadTarget.resolve("after.txt"), "written after the restart");
        assertThat(object(diedWithIt.bucket(), "after.txt")).isEqualTo("written after the restart");
        long mounter = mounterOf(diedWithIt).pid();
        client.stage(diedWithIt);
        client.publish(new PublishRequest(diedWithIt.volumeId(), diedWithIt.stagingPath(), deadTarget, false));
        assertThat(mounterOf(diedWithIt).pid()).as("nothing mounted again by the repeated calls").isEqualTo(mounter);

        // SIGTERM stops the daemon and nothing else: outside a container its mounts keep serving.
        assertThat(daemon.terminate(Duration.ofSeconds(10))).isEqualTo(143);
        assertThat(socket).doesNotExist();
        assertThat(Files.readString(deadTarget.resolve("after.txt"))).isEqualTo("written after the restart");
        assertThat(mountsAt(deadTarget)).hasSize(1);
        startNewDaemon();
        assertThat(Files.readString(liveTarget.resolve("kept.txt"))).isEqualTo("kept");
    }

    @Test
    void conflictingCallsAreRefusedAndNothingIsMounted() throws Exception {
        StageRequest stage = stage(bucket(), "", false);
        Path target = publish(stage, false);

        StageRequest otherOptions = new StageRequest(stage.volumeId(), stage.bucket(), "", stage.stagingPath(),
                mounter(), List.of("-o", "noatime"), stage.access(), false);
        assertReason(() -> client.stage(otherOptions), MountException.Reason.CONFLICT, "other parameters");
        StageRequest otherVolume = new StageRequest("other-" + stage.volumeId(), stage.bucket(), "",
                stage.stagingPath(), mounter(), List.of(), stage.access(), false);
        assertReason(() -> client.stage(otherVolume), MountException.Reason.CONFLICT, "belongs to volume");
        assertReason(() -> client.publish(new PublishRequest(stage.volumeId(), root.resolve("kubelet/elsewhere"),
                root.resolve("kubelet/pods/x"), false)), MountException.Reason.NOT_STAGED, "not staged at");
        assertThat(mountsAt(stage.stagingPath())).hasSize(1);
        assertThat(mountsAt(target)).hasSize(1);
        assertThat(root.resolve("kubelet/pods/x")).doesNotExist();
    }

    @Test
    void aMountThatCannotReachItsBucketFailsWithTheMounterOutputButNoSecret() throws Exception {
        String wrongSecret = "wrong-secret-" + NAMES.incrementAndGet() + "-0123456789abcdef";
        StageRequest stage = new StageRequest("bad-" + mounter(), bucket(), "", kubelet("staging/bad"), mounter(),
                List.of(), new S3Access(SERVER.endpoint(), StowageServerExtension.REGION,
                StowageServerExtension.ACCESS_KEY, wrongSecret, false, null), false);
        staged.add(stage);

        assertThatThrownBy(() -> client.stage(stage)).isInstanceOf(MountException.class)
                .satisfies(e -> {
                    assertThat(((MountException) e).reason()).isEqualTo(MountException.Reason.FAILED);
                    assertThat(e.getMessage()).contains("mounter output").doesNotContain(wrongSecret);
                });
        assertThat(mountsAt(stage.stagingPath())).isEmpty();
        assertThat(daemon.mounters()).isEmpty();
        try (var records = Files.list(stateDir.resolve("volumes"))) {
            assertThat(records).as("no state is kept of a failed stage").isEmpty();
        }
    }

    // ---- helpers

    private String bucket() {
        String bucket = mounter() + "-" + NAMES.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private Path kubelet(String relative) {
        return root.resolve("kubelet").resolve(relative);
    }

    private StageRequest stage(String bucket, String prefix, boolean readOnly) {
        return stage(bucket, prefix, readOnly, List.of());
    }

    private StageRequest stage(String bucket, String prefix, boolean readOnly, List<String> options) {
        StageRequest request = new StageRequest("pv-" + bucket, bucket, prefix,
                kubelet("plugins/s3.csi.stowage.io/" + bucket + "/globalmount"), mounter(), options,
                new S3Access(SERVER.endpoint(), StowageServerExtension.REGION, StowageServerExtension.ACCESS_KEY,
                        StowageServerExtension.SECRET_KEY, false, null), readOnly);
        staged.add(request);
        client.stage(request);
        return request;
    }

    private Path publish(StageRequest stage, boolean readOnly) {
        Path target = kubelet("pods/pod-" + NAMES.incrementAndGet() + "/volumes/" + stage.volumeId() + "/mount");
        PublishRequest request = new PublishRequest(stage.volumeId(), stage.stagingPath(), target, readOnly);
        published.add(request);
        client.publish(request);
        return target;
    }

    /** The object's content, once it is there: at once for a mounter that uploads at close. */
    private String object(String bucket, String key) throws InterruptedException {
        long deadline = System.nanoTime() + UPLOAD_TIMEOUT.toNanos();
        while (true) {
            try {
                return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
            } catch (NoSuchKeyException e) {
                if (uploadsAtClose() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
                .filter(key -> !key.endsWith("/"))
                .toList();
    }

    private static List<MountEntry> mountsAt(Path path) {
        return MountTable.read().entries().stream().filter(m -> m.mountPoint().equals(path)).toList();
    }

    /** The daemon's mounter of that volume: the child whose command line names its staging path. */
    private ProcessHandle mounterOf(StageRequest stage) {
        return daemon.mounters().stream()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(stage.stagingPath().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no mounter for " + stage.stagingPath()));
    }

    private ProcessHandle onlyMounter() {
        assertThat(daemon.mounters()).as("the daemon's mounters").hasSize(1);
        return daemon.mounters().getFirst();
    }

    /** Kills the volume's mount but not its mounter (see {@link DeadMounts}); returns the stopped mounter. */
    private ProcessHandle killMount(StageRequest stage) throws Exception {
        ProcessHandle mounter = mounterOf(stage);
        deadMounts.kill(mounter, stage.stagingPath());
        return mounter;
    }

    /**
     * Waits until a stat of the mount point fails as a dead FUSE mount's does: the kernel answers it from its attribute
     * cache, without asking the mounter, until the attributes time out (a second, for s3fs and rclone).
     */
    private static void assertDead(Path mountPoint) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                Files.readAttributes(mountPoint, BasicFileAttributes.class);
            } catch (IOException e) {
                assertThat(e).isInstanceOf(FileSystemException.class)
                        .hasMessageContaining("Transport endpoint is not connected");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(mountPoint + " still answers 10 s after its FUSE connection was aborted");
            }
            Thread.sleep(100);
        }
    }

    /** How often the daemon has logged mounting the volume again because a call found its mount dead. */
    private long repairsLogged(StageRequest stage) throws IOException {
        String repair = "The mount of volume " + stage.volumeId() + " at " + stage.stagingPath() + " is gone or dead";
        return Files.readAllLines(daemonLog).stream().filter(line -> line.contains(repair)).count();
    }

    /** SIGKILL to the volume's mounter, as the OOM killer would; returns once it is gone. */
    private ProcessHandle killMounter() throws Exception {
        ProcessHandle mounter = onlyMounter();
        mounter.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (mounter.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return mounter;
    }

    /** Writes {@code size} bytes, then fsync and close: a full volume may refuse at any of the three. */
    private static void writeAndSync(Path file, int size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int written = 0; written < size; written += chunk.capacity()) {
                channel.write(chunk.clear());
            }
            channel.force(true);
        }
    }

    private interface Read {
        String read() throws IOException;
    }

    private static String eventually(Read read) throws InterruptedException {
        long deadline = System.nanoTime() + REPAIR_TIMEOUT.toNanos();
        while (true) {
            try {
                return read.read();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still failing after " + REPAIR_TIMEOUT + ": " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void assertReason(ThrowingCallable call, MountException.Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOf(MountException.class).hasMessageContaining(message)
                .extracting(e -> ((MountException) e).reason()).isEqualTo(reason);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void quietly(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
