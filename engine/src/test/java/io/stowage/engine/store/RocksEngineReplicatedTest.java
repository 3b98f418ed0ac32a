package io.stowage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.EngineConfig;
import io.stowage.engine.LogPosition;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine as a replica of a Raft log: log positions, blobs arriving before or after their command, deferred deletes. */
class RocksEngineReplicatedTest {

    private static final String BLOB_ID = "0123456789abcdef0123456789abcdef";
    private static final byte[] CONTENT = "bytes written on another node, longer than the inline threshold"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static RocksEngine openReplica(Path dir) {
        return RocksEngine.open(new EngineConfig(dir, EngineFixture.THRESHOLD, true));
    }

    private static PutObject putOf(String key, String blobId, int size) {
        return new PutObject("b", EngineFixture.version(key, new ObjectBody.Blob(blobId, size), "etag"));
    }

    @Test
    void evenATinyBodyIsABlobSoNoBytesTravelInsideALogEntry() {
        assertThat(new EngineConfig(dir, EngineFixture.THRESHOLD, true).inlineThreshold()).isZero();
        try (RocksEngine engine = openReplica(dir)) {
            assertThat(EngineFixture.body(engine, new byte[] {42})).isInstanceOf(ObjectBody.Blob.class);
        }
    }

    @Test
    void theLogPositionOfTheLastCommandThatWroteSurvivesAReopen() {
        try (RocksEngine engine = openReplica(dir)) {
            assertThat(engine.appliedLogPosition()).isNull();
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(2, 7));
            // a refused command writes nothing, so the position stays where the last write left it
            assertThatThrownBy(() -> engine.applyLogged(new DeleteObject("nope", "k", null), new LogPosition(2, 8)))
                    .isInstanceOf(NoSuchBucketException.class);
            assertThat(engine.appliedLogPosition()).isEqualTo(new LogPosition(2, 7));
        }
        try (RocksEngine engine = openReplica(dir)) {
            assertThat(engine.appliedLogPosition()).isEqualTo(new LogPosition(2, 7));
            assertThat(engine.bucket("b")).isPresent();
        }
    }

    @Test
    void aBlobThatArrivesAfterItsCommandIsMissingUntilItsCopyIsStored() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            engine.applyLogged(putOf("k", BLOB_ID, CONTENT.length), new LogPosition(1, 2));
            assertThat(engine.missingBlobs(10)).containsExactly(BLOB_ID);
            assertThatThrownBy(() -> engine.openBlob(BLOB_ID)).isInstanceOf(NoSuchFileException.class);

            assertThat(engine.storeCopy(BLOB_ID, new ByteArrayInputStream(CONTENT))).isTrue();
            assertThat(engine.missingBlobs(10)).isEmpty();
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
            assertThat(Files.exists(dir.resolve("tmp").resolve(BLOB_ID))).as("moved out of tmp/").isFalse();
            // a second copy (a late push) is not read: the blob is held
            assertThat(engine.storeCopy(BLOB_ID, InputStream.nullInputStream())).isFalse();
        }
    }

    @Test
    void aMissingBlobIsFetchedFromTheBlobSourceWhenRead() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            AtomicInteger fetches = new AtomicInteger();
            engine.setBlobSource(id -> {
                fetches.incrementAndGet();
                assertThat(id).isEqualTo(BLOB_ID);
                return new ByteArrayInputStream(CONTENT);
            });
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            engine.applyLogged(putOf("k", BLOB_ID, CONTENT.length), new LogPosition(1, 2));
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
            assertThat(fetches).hasValue(1);
            assertThat(engine.missingBlobs(10)).isEmpty();
        }
    }

    @Test
    void aBlobThatArrivedFirstIsUsedByItsCommand() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            engine.storeCopy(BLOB_ID, new ByteArrayInputStream(CONTENT));
            engine.applyLogged(putOf("k", BLOB_ID, CONTENT.length), new LogPosition(1, 2));
            assertThat(engine.missingBlobs(10)).isEmpty();
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
        }
    }

    @Test
    void freedBlobsWaitForTheCollectorAndStaleUncommittedCopiesGoWithIt() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            ObjectBody first = EngineFixture.body(engine, CONTENT);
            String firstBlob = ((ObjectBody.Blob) first).blobId();
            engine.applyLogged(new PutObject("b", EngineFixture.version("k", first, "1")), new LogPosition(1, 2));
            ObjectVersion second = EngineFixture.version("k", EngineFixture.body(engine, CONTENT), "2");
            engine.applyLogged(new PutObject("b", second), new LogPosition(1, 3));
            Path firstFile = dir.resolve("blobs").resolve(firstBlob.substring(0, 2)).resolve(firstBlob);
            assertThat(firstFile).as("freed, but its freeing is not synced yet").exists();

            engine.storeCopy(BLOB_ID, new ByteArrayInputStream(CONTENT)); // a copy whose command never came
            Path orphan = dir.resolve("tmp").resolve(BLOB_ID);
            long now = System.currentTimeMillis();
            Files.setLastModifiedTime(orphan, FileTime.fromMillis(now - 10_000));

            assertThat(engine.collectGarbage(now - 60_000)).as("the orphan is still young").isEqualTo(1);
            assertThat(firstFile).doesNotExist();
            assertThat(orphan).exists();
            assertThat(engine.collectGarbage(now - 1_000)).isEqualTo(1);
            assertThat(orphan).doesNotExist();
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aReplicaKeepsUncommittedBlobsAcrossARestartBecauseTheLogMayStillReferenceThem() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            engine.storeCopy(BLOB_ID, new ByteArrayInputStream(CONTENT));
        }
        try (RocksEngine engine = openReplica(dir)) {
            assertThat(engine.holdsBlob(BLOB_ID)).isTrue();
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            engine.applyLogged(putOf("k", BLOB_ID, CONTENT.length), new LogPosition(1, 2));
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
        }
    }

    @Test
    void replayingACommandWhoseBlobWasAlreadyMovedIntoPlaceKeepsTheBlob() throws Exception {
        try (RocksEngine engine = openReplica(dir)) {
            engine.applyLogged(new CreateBucket("b", "us-east-1", "root", 1L), new LogPosition(1, 1));
            engine.storeCopy(BLOB_ID, new ByteArrayInputStream(CONTENT));
            PutObject put = putOf("k", BLOB_ID, CONTENT.length);
            engine.applyLogged(put, new LogPosition(1, 2));
            // as after a crash that lost the unsynced batch but not the rename
            engine.applyLogged(put, new LogPosition(1, 2));
            assertThat(engine.missingBlobs(10)).isEmpty();
            assertThat(EngineFixture.read(engine, "b", "k")).isEqualTo(new String(CONTENT, StandardCharsets.UTF_8));
        }
    }
}
