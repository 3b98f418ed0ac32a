package io.stowage.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.Engine;
import io.stowage.engine.EngineConfig;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.model.Versioning;
import io.stowage.engine.store.RocksEngine;
import io.stowage.s3.lifecycle.LifecycleValidator;
import io.stowage.s3.lifecycle.LifecycleXmlReader;
import io.stowage.s3.lifecycle.LifecycleXmlWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle worker against a real engine, with a clock the test moves. */
class LifecycleWorkerTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = Instant.parse("2024-01-10T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private RocksEngine engine;
    private final TestClock clock = new TestClock(T0);
    private final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void open() {
        engine = RocksEngine.open(new EngineConfig(dir, 1024));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void expiresCurrentVersionsOfAnUnversionedBucketOnceDue() {
        bucket("plain", Versioning.UNVERSIONED);
        put("plain", "tmp/a", "1");
        put("plain", "tmp/b", "2");
        put("plain", "keep/c", "3");
        lifecycle("plain", rule("tmp", "<Filter><Prefix>tmp/</Prefix></Filter>", "<Expiration><Days>1</Days></Expiration>"));

        clock.set(Instant.parse("2024-01-11T23:59:59Z"));
        cycle(100);
        assertThat(keys("plain")).containsExactly("keep/c", "tmp/a", "tmp/b");

        clock.set(Instant.parse("2024-01-12T00:00:00Z"));
        cycle(100);
        assertThat(keys("plain")).containsExactly("keep/c");
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.CURRENT, 2);
        assertThat(events.examined).isEqualTo(6);
        assertThat(events.cycles).isEqualTo(2);
    }

    @Test
    void currentVersionsOfAVersionedBucketGetADeleteMarkerOnce() {
        bucket("vers", Versioning.ENABLED);
        ObjectVersion v1 = put("vers", "k", "1");
        lifecycle("vers", rule("exp", "<Filter/>", "<Expiration><Days>1</Days></Expiration>"));

        clock.advance(2 * DAY);
        cycle(100);
        cycle(100);

        List<VersionListing.Entry> versions = versions("vers");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).latest()).isTrue();
        assertThat(versions.get(0).version().deleteMarker()).isTrue();
        assertThat(versions.get(0).version().owner()).as("markers are the bucket owner's").isEqualTo("root");
        assertThat(versions.get(1).version().versionId()).isEqualTo(v1.versionId());
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.CURRENT, 1);
    }

    @Test
    void currentVersionsOfASuspendedBucketGetANullDeleteMarker() {
        bucket("susp", Versioning.UNVERSIONED);
        put("susp", "k", "1");
        engine.apply(new SetBucketVersioning("susp", Versioning.SUSPENDED));
        lifecycle("susp", rule("exp", "<Filter/>", "<Expiration><Days>1</Days></Expiration>"));

        clock.advance(2 * DAY);
        cycle(100);

        List<VersionListing.Entry> versions = versions("susp");
        assertThat(versions).hasSize(1);
        assertThat(versions.getFirst().version().deleteMarker()).isTrue();
        assertThat(versions.getFirst().version().versionId()).isEqualTo(ObjectVersion.NULL_ID);
    }

    @Test
    void noncurrentDaysCountFromWhenTheNextVersionReplacedIt() {
        bucket("vers", Versioning.ENABLED);
        ObjectVersion v1 = put("vers", "k", "1");
        clock.advance(DAY);
        ObjectVersion v2 = put("vers", "k", "2"); // v1 non-current from 11 Jan 12:00
        clock.advance(2 * DAY);
        ObjectVersion v3 = put("vers", "k", "3"); // v2 non-current from 13 Jan 12:00
        lifecycle("vers", rule("nc", "<Filter/>", "<NoncurrentVersionExpiration><NoncurrentDays>2</NoncurrentDays>"
                + "</NoncurrentVersionExpiration>"));

        clock.set(Instant.parse("2024-01-13T23:59:59Z"));
        cycle(100);
        assertThat(versionIds("vers")).containsExactly(v3.versionId(), v2.versionId(), v1.versionId());

        clock.set(Instant.parse("2024-01-14T00:00:00Z"));
        cycle(100);
        assertThat(versionIds("vers")).containsExactly(v3.versionId(), v2.versionId());

        clock.set(Instant.parse("2024-01-16T00:00:00Z"));
        cycle(100);
        assertThat(versionIds("vers")).containsExactly(v3.versionId());
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.NONCURRENT, 2);
    }

    @Test
    void theNewestNoncurrentVersionsAreKept() {
        bucket("vers", Versioning.ENABLED);
        ObjectVersion[] v = new ObjectVersion[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = put("vers", "k", "content " + i);
            clock.advance(HOUR);
        }
        lifecycle("vers", rule("keep2", "<Filter/>", "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
                + "<NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionExpiration>"));

        clock.advance(3 * DAY);
        cycle(100);

        assertThat(versionIds("vers")).containsExactly(v[4].versionId(), v[3].versionId(), v[2].versionId());
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.NONCURRENT, 2);
    }

    @Test
    void aPageBoundaryOrARestartInsideAKeyKeepsItsCounts() {
        bucket("vers", Versioning.ENABLED);
        ObjectVersion[] v = new ObjectVersion[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = put("vers", "k", "content " + i);
            clock.advance(HOUR);
        }
        ObjectVersion other = put("vers", "z", "other key");
        lifecycle("vers", rule("keep1", "<Filter/>", "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
                + "<NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>"));
        clock.advance(3 * DAY);

        // two versions a cycle, each cycle by a new worker as after a restart: the walk's state lives in the cursor
        int cycles = 0;
        do {
            cycle(2);
            cycles++;
        } while (cursor("vers").isPresent() && cycles < 10);

        assertThat(versionIds("vers")).containsExactly(v[4].versionId(), v[3].versionId(), other.versionId());
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.NONCURRENT, 3);
        assertThat(cycles).isEqualTo(3);
    }

    @Test
    void expiredDeleteMarkersGoOnceTheyHideNothing() {
        bucket("vers", Versioning.ENABLED);
        put("vers", "k1", "1");
        deleteMarker("vers", "k1");
        deleteMarker("vers", "k2");
        lifecycle("vers", rule("clean", "<Filter/>", "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"
                + "</Expiration><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays></NoncurrentVersionExpiration>"));
        clock.advance(2 * DAY);

        cycle(100);
        // k2's marker hid nothing; k1's hid the version the same pass expired
        assertThat(versions("vers")).extracting(e -> e.version().key() + (e.version().deleteMarker() ? " marker" : ""))
                .containsExactly("k1 marker");

        cycle(100);
        assertThat(versions("vers")).isEmpty();
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.DELETE_MARKER, 2)
                .containsEntry(LifecycleEvents.Expired.NONCURRENT, 1);
    }

    @Test
    void whetherADeleteMarkerHidesAVersionIsLookedUpPastTheEndOfAPage() {
        bucket("vers", Versioning.ENABLED);
        deleteMarker("vers", "j");
        put("vers", "k", "1");
        deleteMarker("vers", "k");
        lifecycle("vers", rule("clean", "<Filter/>", "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"
                + "</Expiration>"));
        clock.advance(2 * DAY);

        // one version a cycle: each marker is the last entry of its page
        for (int i = 0; i < 3; i++) {
            cycle(1);
        }

        assertThat(versions("vers")).extracting(e -> e.version().key() + (e.version().deleteMarker() ? " marker" : ""))
                .containsExactly("k marker", "k");
        assertThat(events.expired).containsOnly(Map.entry(LifecycleEvents.Expired.DELETE_MARKER, 1));
        assertThat(cursor("vers")).isEmpty();
    }

    @Test
    void lockedVersionsAreSkippedAndCounted() {
        engine.apply(new CreateBucket("locked", "us-east-1", "root", 0, Quota.NONE, Map.of(), true));
        ObjectVersion v1 = put("locked", "k", "1");
        ObjectVersion v2 = put("locked", "k", "2");
        engine.apply(new SetObjectLegalHold("locked", "k", v1.versionId(), true));
        lifecycle("locked", rule("nc", "<Filter/>", "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
                + "</NoncurrentVersionExpiration>"));
        clock.advance(3 * DAY);

        cycle(100);

        assertThat(versionIds("locked")).containsExactly(v2.versionId(), v1.versionId());
        assertThat(events.skippedLocked).isEqualTo(1);
        assertThat(events.expired).isEmpty();
    }

    @Test
    void incompleteUploadsAreAbortedDaysAfterInitiation() {
        bucket("mp", Versioning.UNVERSIONED);
        engine.apply(new CreateMultipartUpload("mp", new MultipartUpload("big/x", "u1", T0, "root", Map.of(), Map.of(), null, null, null)));
        engine.apply(new CreateMultipartUpload("mp", new MultipartUpload("other/y", "u2", T0, "root", Map.of(), Map.of(), null, null, null)));
        lifecycle("mp", rule("abort", "<Filter><Prefix>big/</Prefix></Filter>",
                "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"));

        clock.set(Instant.parse("2024-01-11T23:59:59Z"));
        cycle(100);
        assertThat(engine.upload("mp", "big/x", "u1").uploadId()).isEqualTo("u1");

        clock.set(Instant.parse("2024-01-12T00:00:00Z"));
        cycle(100);
        assertThatThrownBy(() -> engine.upload("mp", "big/x", "u1")).isInstanceOf(NoSuchUploadException.class);
        assertThat(engine.upload("mp", "other/y", "u2").uploadId()).isEqualTo("u2");
        assertThat(events.uploadsAborted).isEqualTo(1);
    }

    @Test
    void aVersionWrittenAfterTheWorkerLookedIsNotExpired() {
        bucket("race", Versioning.UNVERSIONED);
        put("race", "k", "old");
        lifecycle("race", rule("exp", "<Filter/>", "<Expiration><Days>1</Days></Expiration>"));
        clock.advance(2 * DAY);
        AtomicBoolean overwritten = new AtomicBoolean();
        // an engine whose first listing is overtaken by a client's overwrite before the worker acts on it
        Engine racing = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(engine, args);
                        if (method.getName().equals("listVersions") && overwritten.compareAndSet(false, true)) {
                            put("race", "k", "new");
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        try (LifecycleWorker worker = new LifecycleWorker(racing, settings(100), events, clock)) {
            worker.runCycle();
        }

        assertThat(overwritten).isTrue();
        assertThat(engine.object("race", "k", null).etag()).isEqualTo("etag-new");
        assertThat(events.expired).isEmpty();
    }

    @Test
    void aCycleStopsAfterItsBatchAndTheNextOneGoesOnFromTheCursorAfterARestart() {
        bucket("many", Versioning.UNVERSIONED);
        for (int i = 0; i < 5; i++) {
            put("many", "a-keep/" + i, "k" + i);
        }
        for (int i = 0; i < 5; i++) {
            put("many", "b-exp/" + i, "e" + i);
        }
        lifecycle("many", rule("exp", "<Filter><Prefix>b-exp/</Prefix></Filter>", "<Expiration><Days>1</Days></Expiration>"));
        clock.advance(2 * DAY);

        cycle(5);
        assertThat(events.examined).isEqualTo(5);
        assertThat(events.expired).isEmpty();
        assertThat(cursor("many")).map(LifecycleCursor::keyMarker).contains("a-keep/4");

        // a new worker, as after a restart: had it started over it would examine a-keep/* again and expire nothing
        cycle(5);
        assertThat(events.examined).isEqualTo(10);
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.CURRENT, 5);
        assertThat(keys("many")).hasSize(5).allMatch(key -> key.startsWith("a-keep/"));
        assertThat(cursor("many")).as("the pass is complete").isEmpty();
    }

    @Test
    void aPassGoesOnAcrossBucketsAndEndsWithoutCursor() {
        for (String name : List.of("one", "two")) {
            bucket(name, Versioning.UNVERSIONED);
            for (int i = 0; i < 3; i++) {
                put(name, "k" + i, name + i);
            }
            lifecycle(name, rule("exp", "<Filter/>", "<Expiration><Days>1</Days></Expiration>"));
        }
        clock.advance(2 * DAY);

        cycle(4);
        assertThat(keys("one")).isEmpty();
        assertThat(keys("two")).containsExactly("k1", "k2");
        assertThat(cursor("one")).isEmpty();
        assertThat(cursor("two")).map(LifecycleCursor::keyMarker).contains("k0");

        cycle(4);
        assertThat(keys("two")).isEmpty();
        assertThat(cursor("two")).isEmpty();
        assertThat(events.expired).containsEntry(LifecycleEvents.Expired.CURRENT, 6);
    }

    @Test
    void aBucketWhosePassFailsDoesNotStopTheOthers() {
        bucket("a-broken", Versioning.UNVERSIONED);
        put("a-broken", "k", "1");
        engine.apply(new PutBucketConfig("a-broken", BucketConfigKind.LIFECYCLE, "not a lifecycle document"));
        bucket("b-fine", Versioning.UNVERSIONED);
        put("b-fine", "k", "1");
        lifecycle("b-fine", rule("exp", "<Filter/>", "<Expiration><Days>1</Days></Expiration>"));
        clock.advance(2 * DAY);

        cycle(100);

        assertThat(events.bucketsFailed).isEqualTo(1);
        assertThat(keys("a-broken")).containsExactly("k");
        assertThat(keys("b-fine")).isEmpty();
    }

    @Test
    void bucketsWithoutRulesForVersionsAreNotListed() {
        bucket("uploads-only", Versioning.UNVERSIONED);
        put("uploads-only", "k", "1");
        lifecycle("uploads-only", rule("abort", "<Filter/>",
                "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"));

        cycle(100);

        assertThat(events.examined).isZero();
        assertThat(events.cycles).isEqualTo(1);
    }

    // --- helpers

    private void bucket(String name, Versioning versioning) {
        engine.apply(new CreateBucket(name, "us-east-1", "root", 0));
        if (versioning != Versioning.UNVERSIONED) {
            engine.apply(new SetBucketVersioning(name, versioning));
        }
    }

    private ObjectVersion put(String bucket, String key, String content) {
        boolean versioned = engine.bucket(bucket).orElseThrow().versioned();
        ObjectBody body = new ObjectBody.Inline(content.getBytes(StandardCharsets.UTF_8));
        return engine.apply(new PutObject(bucket, new ObjectVersion(key, versioned ? VersionIds.next() : ObjectVersion.NULL_ID,
                false, body.size(), "etag-" + content, clock.millis(), "root", Map.of(), Map.of(), Map.of(), body, null)));
    }

    private void deleteMarker(String bucket, String key) {
        engine.apply(new DeleteObject(bucket, key, null, "root", VersionIds.next(), clock.millis(), false,
                WritePrecondition.NONE));
    }

    private static String rule(String id, String filter, String actions) {
        return "<Rule><ID>" + id + "</ID>" + filter + "<Status>Enabled</Status>" + actions + "</Rule>";
    }

    /** Stores the configuration as PutBucketLifecycleConfiguration would. */
    private void lifecycle(String bucket, String... rules) {
        var configuration = LifecycleXmlReader.read(("<LifecycleConfiguration>" + String.join("", rules)
                + "</LifecycleConfiguration>").getBytes(StandardCharsets.UTF_8));
        LifecycleValidator.validate(configuration);
        engine.apply(new PutBucketConfig(bucket, BucketConfigKind.LIFECYCLE,
                new String(LifecycleXmlWriter.write(configuration), StandardCharsets.UTF_8)));
    }

    private static LifecycleSettings settings(int batch) {
        return new LifecycleSettings(Duration.ofHours(1), batch, Duration.ofDays(1));
    }

    /** One cycle by a worker of its own, as a freshly started server would run it. */
    private void cycle(int batch) {
        try (LifecycleWorker worker = new LifecycleWorker(engine, settings(batch), events, clock)) {
            worker.runCycle();
        }
    }

    private Optional<LifecycleCursor> cursor(String bucket) {
        return engine.bucketConfig(bucket, BucketConfigKind.LIFECYCLE_CURSOR).map(LifecycleCursor::decode);
    }

    private List<VersionListing.Entry> versions(String bucket) {
        return engine.listVersions(new ListVersionsRequest(bucket, null, null, null, null, 1000)).versions();
    }

    private List<String> versionIds(String bucket) {
        return versions(bucket).stream().map(e -> e.version().versionId()).toList();
    }

    private List<String> keys(String bucket) {
        return versions(bucket).stream().map(e -> e.version().key()).distinct().toList();
    }

    private static final class TestClock extends Clock {
        private long millis;

        TestClock(long millis) {
            this.millis = millis;
        }

        void set(Instant instant) {
            millis = instant.toEpochMilli();
        }

        void advance(long delta) {
            millis += delta;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class RecordingEvents implements LifecycleEvents {
        final Map<Expired, Integer> expired = new EnumMap<>(Expired.class);
        int examined;
        int uploadsAborted;
        int skippedLocked;
        int bucketsFailed;
        int cycles;

        @Override
        public void examined() {
            examined++;
        }

        @Override
        public void expired(Expired kind) {
            expired.merge(kind, 1, Integer::sum);
        }

        @Override
        public void uploadAborted() {
            uploadsAborted++;
        }

        @Override
        public void skippedLocked() {
            skippedLocked++;
        }

        @Override
        public void bucketFailed() {
            bucketsFailed++;
        }

        @Override
        public void cycleRan() {
            cycles++;
        }
    }
}
