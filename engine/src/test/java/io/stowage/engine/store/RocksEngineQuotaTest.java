package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Usage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineQuotaTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void usageFollowsPutsOverwritesAndDeletesExactlyAndSurvivesReopen() {
        EngineFixture.createBucket(engine, "b");
        EngineFixture.put(engine, "b", "a", "12345");
        EngineFixture.put(engine, "b", "b", EngineFixture.big("x"));
        assertThat(engine.usage("b")).isEqualTo(new Usage(5 + 80, 2));

        EngineFixture.put(engine, "b", "a", "12");
        engine.apply(new DeleteObject("b", "b", null));
        engine.apply(new DeleteObject("b", "missing", null));
        assertThat(engine.usage("b")).isEqualTo(new Usage(2, 1));

        engine.close();
        engine = EngineFixture.open(dir);
        assertThat(engine.usage("b")).isEqualTo(new Usage(2, 1));
    }

    @Test
    void aWriteOverTheByteOrObjectLimitIsRefusedAndChangesNothing() {
        engine.apply(new CreateBucket("b", "us-east-1", OWNER, 1L, new Quota(10, 0)));
        EngineFixture.put(engine, "b", "a", "12345678");

        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "c", "123")).isInstanceOf(QuotaExceededException.class);
        assertThat(engine.usage("b")).isEqualTo(new Usage(8, 1));
        EngineFixture.put(engine, "b", "a", "1234567890");
        assertThat(engine.usage("b")).isEqualTo(new Usage(10, 1));

        engine.apply(new SetBucketQuota("b", new Quota(0, 1)));
        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "c", "")).isInstanceOf(QuotaExceededException.class);
        EngineFixture.put(engine, "b", "a", "overwriting is not a new object");

        engine.apply(new SetBucketQuota("b", Quota.NONE));
        EngineFixture.put(engine, "b", "c", "now it fits");
        assertThat(engine.usage("b").objects()).isEqualTo(2);
    }

    @Test
    void shrinkingWritesAreAllowedAboveALoweredLimit() {
        EngineFixture.createBucket(engine, "b");
        EngineFixture.put(engine, "b", "a", "1234567890");
        engine.apply(new SetBucketQuota("b", new Quota(5, 0)));

        EngineFixture.put(engine, "b", "a", "123");
        engine.apply(new DeleteObject("b", "a", null));
        assertThat(engine.usage("b")).isEqualTo(Usage.ZERO);
    }

    @Test
    void completingAMultipartUploadCountsTheWholeObjectAgainstTheQuota() {
        engine.apply(new CreateBucket("b", "us-east-1", OWNER, 1L, new Quota(100, 0)));
        List<Part> parts = new ArrayList<>();
        engine.apply(new CreateMultipartUpload("b", new MultipartUpload("k", "u1", 1L, OWNER, Map.of(), Map.of(), null, null, null)));
        for (int n = 1; n <= 3; n++) {
            ObjectBody body = EngineFixture.body(engine, "p".repeat(40).getBytes(StandardCharsets.UTF_8));
            parts.add(engine.apply(new UploadPart("b", "k", "u1", new Part(n, 40, "e" + n, 1L, Map.of(), body))));
        }
        ObjectBody.Multipart body = new ObjectBody.Multipart(parts);
        ObjectVersion version = new ObjectVersion("k", ObjectVersion.NULL_ID, false, body.size(), "x-3", 1L, OWNER,
                Map.of(), Map.of(), Map.of(), body, null);

        assertThatThrownBy(() -> engine.apply(new CompleteMultipartUpload("b", "u1", version, WritePrecondition.NONE)))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(engine.usage("b")).isEqualTo(Usage.ZERO);

        engine.apply(new SetBucketQuota("b", new Quota(120, 0)));
        engine.apply(new CompleteMultipartUpload("b", "u1", version, WritePrecondition.NONE));
        assertThat(engine.usage("b")).isEqualTo(new Usage(120, 1));
    }

    @Test
    void concurrentWritersNeverTakeABucketOverItsLimit() throws Exception {
        int limit = 50;
        engine.apply(new CreateBucket("b", "us-east-1", OWNER, 1L, new Quota(limit * 100L, 0)));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        EngineFixture.put(engine, "b", "w" + writer + "-" + i, "z".repeat(100));
                        accepted.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }

        assertThat(accepted).hasValue(limit);
        assertThat(refused).hasValue(160 - limit);
        assertThat(engine.usage("b")).isEqualTo(new Usage(limit * 100L, limit));
        engine.close();
        engine = EngineFixture.open(dir);
        assertThat(engine.usage("b")).isEqualTo(new Usage(limit * 100L, limit));
    }

    @Test
    void aDeletedBucketsCountersAreGone() {
        EngineFixture.createBucket(engine, "b");
        EngineFixture.put(engine, "b", "a", "1");
        engine.apply(new DeleteObject("b", "a", null));
        engine.apply(new DeleteBucket("b"));
        EngineFixture.createBucket(engine, "b");
        assertThat(engine.usage("b")).isEqualTo(Usage.ZERO);
    }
}
