package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.big;
import static io.stowage.engine.store.EngineFixture.blobFile;
import static io.stowage.engine.store.EngineFixture.body;
import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.files;
import static io.stowage.engine.store.EngineFixture.put;
import static io.stowage.engine.store.EngineFixture.read;
import static io.stowage.engine.store.EngineFixture.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.InvalidObjectNameException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineObjectsTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        createBucket(engine, "b");
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void smallBodiesAreInlineAndLargeOnesAreBlobs() {
        ObjectVersion small = put(engine, "b", "small", "hello");
        ObjectVersion large = put(engine, "b", "large", big("x"));

        assertThat(small.body()).isInstanceOf(ObjectBody.Inline.class);
        assertThat(large.body()).isInstanceOf(ObjectBody.Blob.class);
        assertThat(read(engine, "b", "small")).isEqualTo("hello");
        assertThat(read(engine, "b", "large")).isEqualTo(big("x"));
        ObjectVersion stored = engine.object("b", "large", null);
        assertThat(stored.etag()).isEqualTo("etag-" + big("x"));
        assertThat(stored.headers()).containsEntry("content-type", "text/plain");
        assertThat(stored.userMetadata()).isEqualTo(Map.of("color", "blue"));
        assertThat(files(dir.resolve("blobs"))).containsExactly(blobFile(dir, blobId(large)));
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void overwriteFreesTheOldBlob() {
        ObjectVersion first = put(engine, "b", "k", big("one"));
        ObjectVersion second = put(engine, "b", "k", big("two"));

        assertThat(read(engine, "b", "k")).isEqualTo(big("two"));
        assertThat(blobFile(dir, blobId(first))).doesNotExist();
        assertThat(files(dir.resolve("blobs"))).containsExactly(blobFile(dir, blobId(second)));

        put(engine, "b", "k", "tiny");
        assertThat(files(dir.resolve("blobs"))).isEmpty();
        assertThat(read(engine, "b", "k")).isEqualTo("tiny");
    }

    @Test
    void reusingTheCurrentBlobKeepsIt() {
        ObjectVersion first = put(engine, "b", "k", big("same"));
        ObjectVersion copy = new ObjectVersion("k", ObjectVersion.NULL_ID, false, first.size(), first.etag(), 3_000L,
                "owner-1", Map.of("content-type", "application/json"), Map.of(), Map.of(), first.body(), null);

        engine.apply(new PutObject("b", copy));

        assertThat(engine.object("b", "k", null).headers()).containsEntry("content-type", "application/json");
        assertThat(read(engine, "b", "k")).isEqualTo(big("same"));
        engine.discard(first.body());
        assertThat(blobFile(dir, blobId(first))).exists();
    }

    @Test
    void bodyLongerThanExpectedSpillsToAFile() throws Exception {
        ObjectBody body;
        try (var writer = engine.newBody(4)) {
            writer.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
            writer.write(ByteBuffer.wrap("defgh".getBytes(StandardCharsets.UTF_8)));
            assertThat(writer.written()).isEqualTo(8);
            body = writer.finish();
        }
        assertThat(body).isInstanceOf(ObjectBody.Blob.class);
        engine.apply(new PutObject("b", version("k", body, "e")));
        assertThat(read(engine, "b", "k")).isEqualTo("abcdefgh");
    }

    @Test
    void closingAnUnfinishedWriterDeletesItsFile() throws Exception {
        try (var writer = engine.newBody(-1)) {
            writer.write(ByteBuffer.wrap(big("partial").getBytes(StandardCharsets.UTF_8)));
            assertThat(files(dir.resolve("tmp"))).hasSize(1);
        }
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void discardDeletesAnUncommittedBody() {
        ObjectBody body = body(engine, big("never").getBytes(StandardCharsets.UTF_8));
        assertThat(files(dir.resolve("tmp"))).hasSize(1);
        engine.discard(body);
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectAndItsBlob() {
        ObjectVersion stored = put(engine, "b", "k", big("gone"));

        ObjectVersion removed = engine.apply(new DeleteObject("b", "k", null));

        assertThat(removed.etag()).isEqualTo(stored.etag());
        assertThat(files(dir.resolve("blobs"))).isEmpty();
        assertThatThrownBy(() -> engine.object("b", "k", null)).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> engine.open("b", "k", null)).isInstanceOf(NoSuchKeyException.class);
        assertThat(engine.apply(new DeleteObject("b", "k", null))).isNull();
    }

    @Test
    void deleteByVersionId() {
        put(engine, "b", "k", "v");

        assertThat(engine.apply(new DeleteObject("b", "k", "no-such-version"))).isNull();
        assertThat(engine.object("b", "k", ObjectVersion.NULL_ID).etag()).isEqualTo("etag-v");
        assertThat(engine.apply(new DeleteObject("b", "k", ObjectVersion.NULL_ID))).isNotNull();
        assertThatThrownBy(() -> engine.object("b", "k", ObjectVersion.NULL_ID))
                .isInstanceOf(NoSuchVersionException.class);
    }

    @Test
    void missingBucket() {
        assertThatThrownBy(() -> put(engine, "nope", "k", "v")).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> engine.object("nope", "k", null)).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> engine.apply(new DeleteObject("nope", "k", null)))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void conditionalWrites() {
        put(engine, "b", "k", "v1", new WritePrecondition(null, true));
        assertThatThrownBy(() -> put(engine, "b", "k", "v2", new WritePrecondition(null, true)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> put(engine, "b", "k", "v2", new WritePrecondition("etag-other", false)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> put(engine, "b", "missing", "v", new WritePrecondition("*", false)))
                .isInstanceOf(PreconditionFailedException.class);

        put(engine, "b", "k", "v2", new WritePrecondition("etag-v1", false));
        put(engine, "b", "k", "v3", new WritePrecondition("*", false));

        assertThat(read(engine, "b", "k")).isEqualTo("v3");
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void failedPreconditionLeavesTheBlobInTmpForDiscard() {
        put(engine, "b", "k", "v1");
        ObjectBody body = body(engine, big("loser").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> engine.apply(
                        new PutObject("b", version("k", body, "e"), new WritePrecondition(null, true))))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(files(dir.resolve("tmp"))).hasSize(1);
        engine.discard(body);
        assertThat(files(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void keyValidation() {
        String tooLong = "é".repeat(513);
        for (String bad : new String[] {"", "a\0b", tooLong, "\uD800x"}) {
            assertThatThrownBy(() -> put(engine, "b", bad, "v")).isInstanceOf(InvalidObjectNameException.class);
            assertThatThrownBy(() -> engine.object("b", bad, null)).isInstanceOf(InvalidObjectNameException.class);
            assertThatThrownBy(() -> engine.apply(new DeleteObject("b", bad, null)))
                    .isInstanceOf(InvalidObjectNameException.class);
        }
        String longest = "é".repeat(512);
        put(engine, "b", longest, "v");
        assertThat(read(engine, "b", longest)).isEqualTo("v");
    }

    @Test
    void unicodeKeysRoundTrip() {
        for (String key : new String[] {"日本語/ファイル", "emoji-😀", "ünïcödé", "a b+c%20"}) {
            put(engine, "b", key, key);
            assertThat(read(engine, "b", key)).isEqualTo(key);
        }
    }

    @Test
    void openKeepsReadingAfterOverwrite() throws Exception {
        put(engine, "b", "k", big("old"));
        try (OpenedObject opened = engine.open("b", "k", null)) {
            put(engine, "b", "k", big("new"));
            ByteBuffer buffer = ByteBuffer.allocate((int) opened.channel().size());
            opened.channel().read(buffer, 0);
            assertThat(new String(buffer.array(), StandardCharsets.UTF_8)).isEqualTo(big("old"));
        }
    }

    @Test
    void dataSurvivesReopen() {
        put(engine, "b", "small", "s");
        put(engine, "b", "large", big("l"));
        engine.close();
        engine = EngineFixture.open(dir);

        assertThat(engine.bucket("b")).isPresent();
        assertThat(read(engine, "b", "small")).isEqualTo("s");
        assertThat(read(engine, "b", "large")).isEqualTo(big("l"));
    }

    private static String blobId(ObjectVersion version) {
        return ((ObjectBody.Blob) version.body()).blobId();
    }
}
