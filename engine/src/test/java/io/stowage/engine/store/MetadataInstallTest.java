package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.EngineConfig;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.ObjectBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica's metadata replaced by another node's copy: the swap, its crash recovery, and the blobs that follow. */
class MetadataInstallTest {

    private static final byte[] THEIRS = "a body the other node committed".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MINE = "a body only this node's old state referenced".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private String theirBlob;
    private String myBlob;

    private static RocksEngine openReplica(Path dataDir) {
        return RocksEngine.open(new EngineConfig(dataDir, EngineFixture.THRESHOLD, true));
    }

    private static String put(RocksEngine engine, String bucket, String key, byte[] content, LogPosition position) {
        ObjectBody.Blob body = (ObjectBody.Blob) EngineFixture.body(engine, content);
        engine.applyLogged(new PutObject(bucket, EngineFixture.version(key, body, "etag")), position);
        return body.blobId();
    }

    /** The other node: a bucket and an object at log position (3, 12), copied to {@code source/copy}. */
    @BeforeEach
    void twoNodes() {
        source = dir.resolve("source");
        target = dir.resolve("target");
        try (RocksEngine other = openReplica(source)) {
            other.applyLogged(new CreateBucket("theirs", "us-east-1", "root", 1L), new LogPosition(3, 11));
            theirBlob = put(other, "theirs", "k", THEIRS, new LogPosition(3, 12));
            other.checkpointMetadata(source.resolve("copy"));
        }
        try (RocksEngine mine = openReplica(target)) {
            mine.applyLogged(new CreateBucket("mine", "us-east-1", "root", 1L), new LogPosition(1, 1));
            myBlob = put(mine, "mine", "k", MINE, new LogPosition(1, 2));
            assertThat(mine.holdsBlob(myBlob)).isTrue();
        }
    }

    private void receiveCopy() throws IOException {
        Path incoming = MetadataInstall.prepare(target);
        try (Stream<Path> files = Files.list(source.resolve("copy"))) {
            for (Path file : files.toList()) {
                Files.copy(file, incoming.resolve(file.getFileName()));
            }
        }
    }

    private void assertTheirState() {
        try (RocksEngine engine = openReplica(target)) {
            assertThat(engine.appliedLogPosition()).isEqualTo(new LogPosition(3, 12));
            assertThat(engine.bucket("theirs")).isPresent();
            assertThat(engine.bucket("mine")).isEmpty();
            assertThat(engine.missingBlobs(10)).as("their blob is fetched from a peer").containsExactly(theirBlob);
            assertThat(engine.holdsBlob(myBlob)).as("nothing references the old blob any more").isFalse();
        }
        assertThat(target.resolve("meta.reconcile")).doesNotExist();
        assertThat(target.resolve("meta.old")).doesNotExist();
        assertThat(target.resolve("meta.incoming")).doesNotExist();
    }

    @Test
    void aSwappedInCopyReplacesTheMetadataAndItsBlobsAreReconciled() throws Exception {
        receiveCopy();
        MetadataInstall.swap(target);
        assertTheirState();
    }

    @Test
    void aSwapACrashInterruptedBetweenTheRenamesIsCompletedAtTheNextOpen() throws Exception {
        receiveCopy();
        // the state a crash leaves after the first rename of swap: the marker, meta.old and meta.incoming
        Files.createFile(target.resolve("meta.reconcile"));
        Files.move(target.resolve("meta"), target.resolve("meta.old"), StandardCopyOption.ATOMIC_MOVE);
        assertTheirState();
    }

    @Test
    void aCopyNotSwappedInBeforeACrashIsDroppedAndTheOldStateKept() throws Exception {
        receiveCopy();
        try (RocksEngine engine = openReplica(target)) {
            assertThat(engine.appliedLogPosition()).isEqualTo(new LogPosition(1, 2));
            assertThat(engine.bucket("mine")).isPresent();
            assertThat(engine.holdsBlob(myBlob)).isTrue();
            assertThat(engine.missingBlobs(10)).isEmpty();
        }
        assertThat(target.resolve("meta.incoming")).doesNotExist();
    }

    @Test
    void aCheckpointACrashLeftBehindIsDeletedAtTheNextOpen() {
        Path leftover = MetadataInstall.checkpointPath(target);
        try (RocksEngine engine = openReplica(target)) {
            engine.checkpointMetadata(leftover);
        }
        assertThat(leftover).exists();
        openReplica(target).close();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aRecordedPositionTellsWhichEntryTheMetadataReflects() {
        try (RocksEngine engine = openReplica(target)) {
            engine.recordLogPosition(new LogPosition(2, 40));
            engine.syncMetadata();
        }
        try (RocksEngine engine = openReplica(target)) {
            assertThat(engine.appliedLogPosition()).isEqualTo(new LogPosition(2, 40));
        }
    }
}
