package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.DeletePrefixQuota;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetBucketQuota;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetPrefixQuota;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.InvalidInputException;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.PrefixNotEmptyException;
import io.stowage.engine.error.QuotaExceededException;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.model.Versioning;
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

class RocksEnginePrefixQuotaTest {

    @TempDir
    Path dir;

    RocksEngine engine;

    @BeforeEach
    void openEngine() {
        engine = EngineFixture.open(dir);
        EngineFixture.createBucket(engine, "b");
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void aWritePastAPrefixLimitIsRefusedAndStoresNothingWhileSiblingsAndTheRestOfTheBucketGoOn() {
        engine.apply(new SetPrefixQuota("b", "vol-1/", new Quota(10, 0)));
        EngineFixture.put(engine, "b", "vol-1/a", "12345678");

        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "vol-1/dir/c", "123"))
                .isInstanceOf(QuotaExceededException.class).extracting("resource").isEqualTo("b/vol-1/");
        assertThatThrownBy(() -> engine.object("b", "vol-1/dir/c", null)).isInstanceOf(NoSuchKeyException.class);
        assertThat(usage("vol-1/")).isEqualTo(new Usage(8, 1));
        assertThat(engine.usage("b")).isEqualTo(new Usage(8, 1));

        EngineFixture.put(engine, "b", "vol-2/a", "a sibling prefix has no limit");
        EngineFixture.put(engine, "b", "vol-1", "not under vol-1/: the key has no slash there");
        EngineFixture.put(engine, "b", "vol-1x/a", "nor is this one");
        EngineFixture.put(engine, "b", "vol-1/b", "12");
        assertThat(usage("vol-1/")).isEqualTo(new Usage(10, 2));
    }

    @Test
    void theObjectLimitCountsObjectsUnderThePrefix() {
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(0, 2)));
        EngineFixture.put(engine, "b", "p/1", "x");
        EngineFixture.put(engine, "b", "p/2", "x");

        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "p/3", "x")).isInstanceOf(QuotaExceededException.class);
        EngineFixture.put(engine, "b", "p/1", "overwriting is not a new object");
        EngineFixture.put(engine, "b", "q/3", "x");
    }

    @Test
    void nestedPrefixesAreBothEnforced() {
        engine.apply(new SetPrefixQuota("b", "team/", new Quota(20, 0)));
        engine.apply(new SetPrefixQuota("b", "team/alice/", new Quota(8, 0)));

        EngineFixture.put(engine, "b", "team/alice/1", "12345");
        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "team/alice/2", "12345"))
                .isInstanceOf(QuotaExceededException.class).extracting("resource").isEqualTo("b/team/alice/");
        EngineFixture.put(engine, "b", "team/bob/1", "123456789012345");
        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "team/alice/2", "12"))
                .isInstanceOf(QuotaExceededException.class).extracting("resource").isEqualTo("b/team/");

        // the refused writes gave back what they had reserved on the outer prefix
        assertThat(usage("team/")).isEqualTo(new Usage(20, 2));
        assertThat(usage("team/alice/")).isEqualTo(new Usage(5, 1));
    }

    @Test
    void thePrefixCountersFollowEveryWriteExactlyAsTheBucketCountersDo() {
        engine.apply(new SetPrefixQuota("b", "v/", new Quota(1_000_000, 0)));
        engine.apply(new SetBucketVersioning("b", Versioning.ENABLED));
        assertSame();

        EngineFixture.put(engine, "b", "v/a", "12345");
        EngineFixture.put(engine, "b", "v/a", EngineFixture.big("second"));
        assertSame();
        ObjectVersion marker = engine.apply(new DeleteObject("b", "v/a", null));
        assertThat(marker.deleteMarker()).isTrue();
        assertSame();
        ObjectVersion oldest = engine.listVersions(new ListVersionsRequest("b", "", null, null,
                null, 100)).versions().stream().map(VersionListing.Entry::version).filter(v -> !v.deleteMarker()).toList().getLast();
        engine.apply(new DeleteObject("b", "v/a", oldest.versionId()));
        engine.apply(new DeleteObject("b", "v/a", marker.versionId()));
        assertSame();

        engine.apply(new SetBucketVersioning("b", Versioning.SUSPENDED));
        EngineFixture.put(engine, "b", "v/n", "null version");
        EngineFixture.put(engine, "b", "v/n", "replaces the null version");
        engine.apply(new DeleteObject("b", "v/n", null));
        assertSame();

        ObjectVersion completed = completeUpload("v/big", 3);
        assertSame();
        // a copy onto itself (a metadata replace) keeps its body
        ObjectVersion source = engine.object("b", "v/big", null);
        engine.apply(new PutObject("b", new ObjectVersion(source.key(), VersionIds.next(), false, source.size(),
                source.etag(), 3_000L, OWNER, Map.of("content-type", "x/y"), Map.of(), Map.of(), source.body(), null),
                WritePrecondition.NONE));
        assertSame();
        assertThat(usage("v/").objects()).isGreaterThan(1);
        assertThat(completed.size()).isEqualTo(120);

        Usage before = usage("v/");
        EngineFixture.put(engine, "b", "elsewhere", "outside the prefix");
        assertThat(usage("v/")).isEqualTo(before);
        assertThat(engine.usage("b")).isEqualTo(before.plus(new Usage(18, 1)));
    }

    @Test
    void theCountersSurviveARestartAndKeepEnforcing() {
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(10, 0)));
        EngineFixture.put(engine, "b", "p/a", "123456");
        engine.apply(new DeleteObject("b", "p/missing", null));

        engine.close();
        engine = EngineFixture.open(dir);

        assertThat(engine.prefixQuotas("b")).containsExactly(new PrefixQuota("p/", new Quota(10, 0), new Usage(6, 1)));
        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "p/b", "12345")).isInstanceOf(QuotaExceededException.class);
        EngineFixture.put(engine, "b", "p/b", "1234");
    }

    @Test
    void aNewPrefixQuotaNeedsAnEmptyPrefix() {
        EngineFixture.put(engine, "b", "full/deep/a", "x");
        EngineFixture.put(engine, "b", "ab", "a key that only starts like the prefix");

        assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("b", "full/", new Quota(10, 0))))
                .isInstanceOf(PrefixNotEmptyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("b", "full/deep/", new Quota(10, 0))))
                .isInstanceOf(PrefixNotEmptyException.class);
        engine.apply(new SetPrefixQuota("b", "ab/", new Quota(10, 0)));
        engine.apply(new SetPrefixQuota("b", "full/other/", new Quota(10, 0)));
        assertThat(engine.prefixQuotas("b")).extracting(PrefixQuota::prefix).containsExactly("ab/", "full/other/");
    }

    @Test
    void aPrefixHoldingOnlyANonCurrentVersionOrADeleteMarkerIsNotEmpty() {
        engine.apply(new SetBucketVersioning("b", Versioning.ENABLED));
        EngineFixture.put(engine, "b", "old/a", "x");
        ObjectVersion marker = engine.apply(new DeleteObject("b", "old/a", null));
        assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("b", "old/", Quota.NONE)))
                .isInstanceOf(PrefixNotEmptyException.class);

        EngineFixture.put(engine, "b", "marked/a", "x");
        ObjectVersion onlyMarker = engine.apply(new DeleteObject("b", "marked/a", null));
        String version = engine.listVersions(new ListVersionsRequest("b", "marked/", null, null,
                null, 10)).versions().stream().map(VersionListing.Entry::version).filter(v -> !v.deleteMarker()).findFirst().orElseThrow().versionId();
        engine.apply(new DeleteObject("b", "marked/a", version));
        assertThat(engine.object("b", "marked/a", null).versionId()).isEqualTo(onlyMarker.versionId());
        assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("b", "marked/", Quota.NONE)))
                .isInstanceOf(PrefixNotEmptyException.class);
        assertThat(marker.deleteMarker()).isTrue();
    }

    @Test
    void changingTheLimitsKeepsTheCountersAndALowerLimitOnlyBlocksGrowth() {
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(100, 0)));
        EngineFixture.put(engine, "b", "p/a", "1234567890");

        engine.apply(new SetPrefixQuota("b", "p/", new Quota(5, 0)));
        assertThat(engine.prefixQuotas("b")).containsExactly(new PrefixQuota("p/", new Quota(5, 0), new Usage(10, 1)));
        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "p/b", "1")).isInstanceOf(QuotaExceededException.class);
        EngineFixture.put(engine, "b", "p/a", "123");
        assertThat(usage("p/")).isEqualTo(new Usage(3, 1));
    }

    @Test
    void removingAPrefixQuotaDeletesItsCounters() {
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(10, 0)));
        EngineFixture.put(engine, "b", "p/a", "123456");
        engine.apply(new DeletePrefixQuota("b", "p/"));
        engine.apply(new DeletePrefixQuota("b", "p/"));
        assertThat(engine.prefixQuotas("b")).isEmpty();
        EngineFixture.put(engine, "b", "p/b", "no limit any more");

        engine.apply(new DeleteObject("b", "p/a", null));
        engine.apply(new DeleteObject("b", "p/b", null));
        engine.close();
        engine = EngineFixture.open(dir);
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(10, 0)));
        assertThat(usage("p/")).isEqualTo(Usage.ZERO);
        EngineFixture.put(engine, "b", "p/c", "1234567890");
    }

    @Test
    void deletingTheBucketDeletesItsPrefixQuotas() {
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(10, 0)));
        EngineFixture.put(engine, "b", "p/a", "123456");
        engine.apply(new DeleteObject("b", "p/a", null));
        engine.apply(new DeleteBucket("b"));
        EngineFixture.createBucket(engine, "b");
        assertThat(engine.prefixQuotas("b")).isEmpty();

        engine.close();
        engine = EngineFixture.open(dir);
        assertThat(engine.prefixQuotas("b")).isEmpty();
        EngineFixture.put(engine, "b", "p/a", "no quota on the new bucket");
    }

    @Test
    void prefixesAreNonEmptyAndEndWithASlashAndTheBucketMustExist() {
        for (String prefix : new String[] {"", "p", null, "bad\0/"}) {
            assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("b", prefix, Quota.NONE)))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> engine.apply(new DeletePrefixQuota("b", "p"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> engine.apply(new SetPrefixQuota("nope", "p/", Quota.NONE)))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> engine.prefixQuotas("nope")).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void theBucketQuotaStillAppliesUnderAPrefix() {
        engine.apply(new SetBucketQuota("b", new Quota(10, 0)));
        engine.apply(new SetPrefixQuota("b", "p/", new Quota(100, 0)));
        EngineFixture.put(engine, "b", "p/a", "12345678");

        assertThatThrownBy(() -> EngineFixture.put(engine, "b", "p/b", "123"))
                .isInstanceOf(QuotaExceededException.class).extracting("resource").isEqualTo("b");
        assertThat(usage("p/")).isEqualTo(new Usage(8, 1));
    }

    @Test
    void concurrentWritersNeverTakeAPrefixOverItsLimit() throws Exception {
        int limit = 30;
        engine.apply(new SetPrefixQuota("b", "vol/", new Quota(limit * 100L, 0)));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger outside = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        EngineFixture.put(engine, "b", "vol/w" + writer + "/" + i, "z".repeat(100));
                        accepted.incrementAndGet();
                    } catch (QuotaExceededException e) {
                        refused.incrementAndGet();
                    }
                    EngineFixture.put(engine, "b", "other/w" + writer + "/" + i, "z".repeat(100));
                    outside.incrementAndGet();
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }

        assertThat(accepted).hasValue(limit);
        assertThat(refused).hasValue(80 - limit);
        assertThat(outside).hasValue(80);
        assertThat(usage("vol/")).isEqualTo(new Usage(limit * 100L, limit));
        assertThat(engine.usage("b")).isEqualTo(new Usage((limit + 80) * 100L, limit + 80));
        engine.close();
        engine = EngineFixture.open(dir);
        assertThat(usage("vol/")).isEqualTo(new Usage(limit * 100L, limit));
    }

    /** With every object of the bucket under "v/", the prefix's counters equal the bucket's. */
    private void assertSame() {
        assertThat(usage("v/")).isEqualTo(engine.usage("b"));
    }

    private Usage usage(String prefix) {
        return engine.prefixQuotas("b").stream().filter(q -> q.prefix().equals(prefix)).findFirst().orElseThrow().usage();
    }

    private ObjectVersion completeUpload(String key, int parts) {
        String uploadId = "u-" + key.hashCode();
        engine.apply(new CreateMultipartUpload("b", new MultipartUpload(key, uploadId, 1L, OWNER, Map.of(), Map.of(),
                null, null, null)));
        List<Part> uploaded = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            ObjectBody body = EngineFixture.body(engine, "p".repeat(40).getBytes(StandardCharsets.UTF_8));
            uploaded.add(engine.apply(new UploadPart("b", key, uploadId, new Part(n, 40, "e" + n, 1L, Map.of(), body))));
        }
        ObjectBody.Multipart body = new ObjectBody.Multipart(uploaded);
        ObjectVersion version = new ObjectVersion(key, VersionIds.next(), false, body.size(), "x-" + parts, 1L, OWNER,
                Map.of(), Map.of(), Map.of(), body, null);
        return engine.apply(new CompleteMultipartUpload("b", uploadId, version, WritePrecondition.NONE));
    }
}
