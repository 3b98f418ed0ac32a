package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.big;
import static io.stowage.engine.store.EngineFixture.blobFile;
import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.files;
import static io.stowage.engine.store.EngineFixture.put;
import static io.stowage.engine.store.EngineFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.store.codec.KeyCodec;
import io.stowage.engine.store.meta.Batch;
import io.stowage.engine.store.meta.Cf;
import io.stowage.engine.store.meta.MetaStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void unreferencedTempFilesAreDeleted() throws Exception {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            EngineFixture.body(engine, big("orphan").getBytes());
        }
        Files.writeString(dir.resolve("tmp").resolve("not-a-blob-id"), "junk");
        assertThat(files(dir.resolve("tmp"))).hasSize(2);

        EngineFixture.open(dir).close();
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void committedBlobStillInTmpIsMovedIntoPlace() throws Exception {
        String blobId;
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            blobId = ((ObjectBody.Blob) put(engine, "b", "k", big("crash")).body()).blobId();
        }
        // the crash hit between the metadata commit and the move out of tmp/
        Files.move(blobFile(dir, blobId), dir.resolve("tmp").resolve(blobId));

        try (RocksEngine engine = EngineFixture.open(dir)) {
            assertThat(files(dir.resolve("tmp"))).isEmpty();
            assertThat(blobFile(dir, blobId)).exists();
            assertThat(read(engine, "b", "k")).isEqualTo(big("crash"));
        }
    }

    @Test
    void readsFallBackToTmpBeforeTheMove() throws Exception {
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            String blobId = ((ObjectBody.Blob) put(engine, "b", "k", big("early")).body()).blobId();
            Files.move(blobFile(dir, blobId), dir.resolve("tmp").resolve(blobId));

            assertThat(read(engine, "b", "k")).isEqualTo(big("early"));
        }
    }

    @Test
    void gcEntriesAreProcessed() throws Exception {
        String inBlobs = "0123456789abcdef0123456789abcdef";
        String inTmp = "fedcba9876543210fedcba9876543210";
        String gone = "00000000000000000000000000000000";
        try (RocksEngine engine = EngineFixture.open(dir)) {
            createBucket(engine, "b");
            put(engine, "b", "keep", big("keep"));
        }
        Files.createDirectories(blobFile(dir, inBlobs).getParent());
        Files.writeString(blobFile(dir, inBlobs), "freed");
        Files.writeString(dir.resolve("tmp").resolve(inTmp), "freed");
        try (MetaStore meta = MetaStore.open(dir.resolve("meta")); Batch batch = meta.batch()) {
            for (String id : new String[] {inBlobs, inTmp, gone}) {
                batch.put(Cf.GC, KeyCodec.blob(id), new byte[0]);
            }
            batch.commit(true);
        }

        try (RocksEngine engine = EngineFixture.open(dir)) {
            assertThat(blobFile(dir, inBlobs)).doesNotExist();
            assertThat(dir.resolve("tmp").resolve(inTmp)).doesNotExist();
            assertThat(files(dir.resolve("blobs"))).hasSize(1);
            assertThat(read(engine, "b", "keep")).isEqualTo(big("keep"));
        }
        try (MetaStore meta = MetaStore.open(dir.resolve("meta"))) {
            for (String id : new String[] {inBlobs, inTmp, gone}) {
                assertThat(meta.get(Cf.GC, KeyCodec.blob(id))).isNull();
            }
        }
    }
}
