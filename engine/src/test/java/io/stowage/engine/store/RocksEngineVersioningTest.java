package io.stowage.engine.store;

import static io.stowage.engine.store.EngineFixture.OWNER;
import static io.stowage.engine.store.EngineFixture.big;
import static io.stowage.engine.store.EngineFixture.body;
import static io.stowage.engine.store.EngineFixture.createBucket;
import static io.stowage.engine.store.EngineFixture.files;
import static io.stowage.engine.store.EngineFixture.put;
import static io.stowage.engine.store.EngineFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.engine.command.CompleteMultipartUpload;
import io.stowage.engine.command.CreateBucket;
import io.stowage.engine.command.CreateMultipartUpload;
import io.stowage.engine.command.DeleteBucket;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.command.SetBucketVersioning;
import io.stowage.engine.command.SetObjectLegalHold;
import io.stowage.engine.command.SetObjectRetention;
import io.stowage.engine.command.UploadPart;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.BucketNotEmptyException;
import io.stowage.engine.error.InvalidBucketStateException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectLock;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.RetentionMode;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.VersionIds;
import io.stowage.engine.model.VersionListing;
import io.stowage.engine.model.Versioning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEngineVersioningTest {

    private static final long NOW = 10_000L;
    private static final long LATER = NOW + 60_000L;

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
    void anEnabledBucketKeepsEveryWriteAsItsOwnVersion() {
        enable();
        ObjectVersion first = put(engine, "b", "k", big("one"));
        ObjectVersion second = put(engine, "b", "k", big("two"));

        assertThat(first.versionId()).isNotEqualTo(ObjectVersion.NULL_ID).isNotEqualTo(second.versionId());
        assertThat(read(engine, "b", "k")).isEqualTo(big("two"));
        assertThat(readVersion("k", first.versionId())).isEqualTo(big("one"));
        assertThat(versions()).containsExactly(second.versionId() + "*", first.versionId());
        assertThat(engine.usage("b")).isEqualTo(new Usage(2L * big("one").length(), 2));
    }

    @Test
    void aDeleteWithoutVersionWritesADeleteMarkerThatHidesTheObjectButKeepsItsVersions() {
        enable();
        ObjectVersion kept = put(engine, "b", "k", big("one"));

        ObjectVersion marker = engine.apply(delete("k", null));

        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.owner()).isEqualTo("alice");
        assertThat(engine.object("b", "k", null).deleteMarker()).isTrue();
        assertThat(engine.listObjects(new ListObjectsRequest("b", "", null, null, 10)).objects()).isEmpty();
        assertThat(readVersion("k", kept.versionId())).isEqualTo(big("one"));
        assertThat(versions()).containsExactly("marker:" + marker.versionId() + "*", kept.versionId());

        ObjectVersion removedMarker = engine.apply(delete("k", marker.versionId()));

        assertThat(removedMarker.deleteMarker()).isTrue();
        assertThat(read(engine, "b", "k")).isEqualTo(big("one"));
        assertThat(versions()).containsExactly(kept.versionId() + "*");
    }

    @Test
    void aDeleteMarkerIsWrittenEvenWhenTheKeyHasNoObject() {
        enable();
        ObjectVersion marker = engine.apply(delete("never-written", null));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(versions()).containsExactly("marker:" + marker.versionId() + "*");
    }

    @Test
    void deletingTheCurrentVersionByIdPromotesTheNewestOlderOneAndFreesItsBlob() {
        enable();
        ObjectVersion first = put(engine, "b", "k", big("one"));
        ObjectVersion second = put(engine, "b", "k", big("two"));
        ObjectVersion third = put(engine, "b", "k", big("three"));
        int blobs = blobFiles();

        engine.apply(delete("k", third.versionId()));

        assertThat(read(engine, "b", "k")).isEqualTo(big("two"));
        assertThat(versions()).containsExactly(second.versionId() + "*", first.versionId());
        assertThat(blobFiles()).isEqualTo(blobs - 1);
        engine.apply(delete("k", first.versionId()));
        assertThat(versions()).containsExactly(second.versionId() + "*");
        assertThatThrownBy(() -> engine.object("b", "k", first.versionId())).isInstanceOf(NoSuchVersionException.class);
        assertThat(engine.usage("b")).isEqualTo(new Usage(big("two").length(), 1));
    }

    @Test
    void versionsWrittenInTheSameMillisecondStayNewestFirst() {
        enable();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(0, put(engine, "b", "k", "v" + i).versionId()); // the fixture writes every version at 2000 ms
        }
        List<String> expected = new java.util.ArrayList<>(ids);
        expected.set(0, ids.get(0) + "*");
        assertThat(versions()).containsExactlyElementsOf(expected);
        assertThat(read(engine, "b", "k")).isEqualTo("v11");
    }

    @Test
    void suspendedVersioningReplacesTheNullVersionWhereverItIsAndKeepsVersionsWithIds() {
        ObjectVersion unversioned = put(engine, "b", "k", big("null-1"));
        assertThat(unversioned.versionId()).isEqualTo(ObjectVersion.NULL_ID);
        enable();
        ObjectVersion withId = put(engine, "b", "k", big("with-id"));
        assertThat(versions()).containsExactly(withId.versionId() + "*", "null");
        int blobs = blobFiles();

        engine.apply(new SetBucketVersioning("b", Versioning.SUSPENDED));
        ObjectVersion suspended = put(engine, "b", "k", big("null-2"));

        assertThat(suspended.versionId()).isEqualTo(ObjectVersion.NULL_ID);
        assertThat(versions()).containsExactly("null*", withId.versionId());
        assertThat(blobFiles()).as("the older null version's blob is freed").isEqualTo(blobs);
        assertThat(read(engine, "b", "k")).isEqualTo(big("null-2"));

        put(engine, "b", "k", big("null-3"));
        assertThat(versions()).containsExactly("null*", withId.versionId());
        assertThat(blobFiles()).isEqualTo(blobs);

        ObjectVersion marker = engine.apply(delete("k", null));
        assertThat(marker.versionId()).isEqualTo(ObjectVersion.NULL_ID);
        assertThat(versions()).containsExactly("marker:null*", withId.versionId());
        assertThat(engine.usage("b")).isEqualTo(new Usage(big("with-id").length(), 1));
    }

    @Test
    void anUnversionedBucketStillReplacesInPlace() {
        put(engine, "b", "k", big("one"));
        int blobs = blobFiles();
        put(engine, "b", "k", big("two"));
        assertThat(versions()).containsExactly("null*");
        assertThat(blobFiles()).isEqualTo(blobs);
        assertThat(engine.apply(delete("k", null)).deleteMarker()).isFalse();
        assertThat(versions()).isEmpty();
    }

    @Test
    void aConditionalDeleteChecksTheCurrentVersion() {
        enable();
        put(engine, "b", "k", "one");
        DeleteObject stale = new DeleteObject("b", "k", null, OWNER, VersionIds.next(), NOW, false,
                new WritePrecondition("etag-other", false));
        assertThatThrownBy(() -> engine.apply(stale)).isInstanceOf(PreconditionFailedException.class);
        DeleteObject matching = new DeleteObject("b", "k", null, OWNER, VersionIds.next(), NOW, false,
                new WritePrecondition("etag-one", false));
        assertThat(engine.apply(matching).deleteMarker()).isTrue();
    }

    @Test
    void aCompletedMultipartUploadBecomesANewVersion() {
        enable();
        ObjectVersion before = put(engine, "b", "k", big("before"));
        engine.apply(new CreateMultipartUpload("b", new MultipartUpload("k", "u1", NOW, OWNER, Map.of(), Map.of(), null,
                null, null, new ObjectLock(RetentionMode.GOVERNANCE, LATER, false), Map.of("team", "a"), null)));
        ObjectBody partBody = body(engine, big("part").getBytes(StandardCharsets.UTF_8));
        Part part = engine.apply(new UploadPart("b", "k", "u1", new Part(1, partBody.size(), "p1", NOW, Map.of(), partBody)));
        ObjectBody.Multipart body = new ObjectBody.Multipart(List.of(part));
        ObjectVersion completed = engine.apply(new CompleteMultipartUpload("b", "u1", new ObjectVersion("k",
                VersionIds.next(), false, body.size(), "mp-1", NOW, OWNER, Map.of(), Map.of(), Map.of(), body, null,
                engine.upload("b", "k", "u1").lock(), Map.of(), null), WritePrecondition.NONE));

        assertThat(versions()).containsExactly(completed.versionId() + "*", before.versionId());
        assertThat(readVersion("k", before.versionId())).isEqualTo(big("before"));
        assertThat(engine.object("b", "k", null).lock()).isEqualTo(new ObjectLock(RetentionMode.GOVERNANCE, LATER, false));
    }

    @Test
    void aNewVersionCannotShareTheBodyOfAVersionItKeeps() {
        enable();
        ObjectVersion first = put(engine, "b", "k", big("one"));
        ObjectVersion copy = first.withVersionId(VersionIds.next());
        assertThatThrownBy(() -> engine.apply(new PutObject("b", copy))).isInstanceOf(IllegalArgumentException.class);
        assertThat(versions()).containsExactly(first.versionId() + "*");
    }

    @Test
    void aRetainedVersionCannotBeDeletedButCanBeHiddenByADeleteMarker() {
        lockedBucket("w");
        ObjectVersion locked = putLocked("w", "k", new ObjectLock(RetentionMode.COMPLIANCE, LATER, false));

        assertThatThrownBy(() -> engine.apply(deleteIn("w", "k", locked.versionId(), true)))
                .isInstanceOf(ObjectLockedException.class);
        ObjectVersion marker = engine.apply(deleteIn("w", "k", null, false));
        assertThat(marker.deleteMarker()).isTrue();
        engine.apply(deleteIn("w", "k", marker.versionId(), false));
        assertThat(engine.object("w", "k", null).versionId()).isEqualTo(locked.versionId());

        DeleteObject afterExpiry = new DeleteObject("w", "k", locked.versionId(), OWNER, VersionIds.next(), LATER + 1,
                false, WritePrecondition.NONE);
        assertThat(engine.apply(afterExpiry).versionId()).isEqualTo(locked.versionId());
    }

    @Test
    void governanceYieldsToABypassButALegalHoldDoesNot() {
        lockedBucket("w");
        ObjectVersion governed = putLocked("w", "g", new ObjectLock(RetentionMode.GOVERNANCE, LATER, false));
        assertThatThrownBy(() -> engine.apply(deleteIn("w", "g", governed.versionId(), false)))
                .isInstanceOf(ObjectLockedException.class);
        engine.apply(deleteIn("w", "g", governed.versionId(), true));

        ObjectVersion held = putLocked("w", "h", ObjectLock.NONE);
        engine.apply(new SetObjectLegalHold("w", "h", null, true));
        assertThatThrownBy(() -> engine.apply(deleteIn("w", "h", held.versionId(), true)))
                .isInstanceOf(ObjectLockedException.class);
        engine.apply(new SetObjectLegalHold("w", "h", held.versionId(), false));
        engine.apply(deleteIn("w", "h", held.versionId(), false));
        assertThat(engine.listVersions(new ListVersionsRequest("w", "", null, null, null, 10)).versions()).isEmpty();
    }

    @Test
    void complianceRetentionCanBeExtendedButNeverWeakened() {
        lockedBucket("w");
        ObjectVersion v = putLocked("w", "k", new ObjectLock(RetentionMode.COMPLIANCE, LATER, false));

        engine.apply(retention("w", v, RetentionMode.COMPLIANCE, LATER + 1000, false));
        for (SetObjectRetention weaker : List.of(
                retention("w", v, RetentionMode.COMPLIANCE, LATER, true),
                retention("w", v, RetentionMode.GOVERNANCE, LATER + 5000, true),
                retention("w", v, null, 0, true))) {
            assertThatThrownBy(() -> engine.apply(weaker)).isInstanceOf(ObjectLockedException.class);
        }
        assertThat(engine.object("w", "k", v.versionId()).lock())
                .isEqualTo(new ObjectLock(RetentionMode.COMPLIANCE, LATER + 1000, false));
    }

    @Test
    void governanceRetentionIsWeakenedOnlyWithABypass() {
        lockedBucket("w");
        ObjectVersion v = putLocked("w", "k", new ObjectLock(RetentionMode.GOVERNANCE, LATER, false));

        assertThatThrownBy(() -> engine.apply(retention("w", v, RetentionMode.GOVERNANCE, LATER - 1000, false)))
                .isInstanceOf(ObjectLockedException.class);
        assertThatThrownBy(() -> engine.apply(retention("w", v, RetentionMode.COMPLIANCE, LATER, false)))
                .as("a change of mode, even to COMPLIANCE").isInstanceOf(ObjectLockedException.class);
        engine.apply(retention("w", v, RetentionMode.GOVERNANCE, LATER + 1000, false));
        engine.apply(retention("w", v, RetentionMode.COMPLIANCE, LATER, true));
        assertThat(engine.object("w", "k", null).lock().mode()).isEqualTo(RetentionMode.COMPLIANCE);

        ObjectVersion other = putLocked("w", "o", new ObjectLock(RetentionMode.GOVERNANCE, LATER, false));
        engine.apply(retention("w", other, null, 0, true));
        assertThat(engine.object("w", "o", null).lock()).isEqualTo(ObjectLock.NONE);
    }

    @Test
    void aBucketWithObjectLockIsVersionedForGood() {
        lockedBucket("w");
        assertThat(engine.bucket("w").orElseThrow().versioning()).isEqualTo(Versioning.ENABLED);
        assertThat(engine.bucket("w").orElseThrow().objectLockEnabled()).isTrue();
        assertThatThrownBy(() -> engine.apply(new SetBucketVersioning("w", Versioning.SUSPENDED)))
                .isInstanceOf(InvalidBucketStateException.class);
        assertThatThrownBy(() -> new SetBucketVersioning("w", Versioning.UNVERSIONED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsLocksAndTagsSurviveAReopen() {
        lockedBucket("w");
        ObjectVersion old = putLocked("w", "k", new ObjectLock(RetentionMode.GOVERNANCE, LATER, true));
        ObjectVersion current = putLocked("w", "k", ObjectLock.NONE);
        engine.close();
        engine = EngineFixture.open(dir);

        VersionListing listing = engine.listVersions(new ListVersionsRequest("w", "", null, null, null, 10));
        assertThat(listing.versions()).extracting(e -> e.version().versionId())
                .containsExactly(current.versionId(), old.versionId());
        assertThat(engine.object("w", "k", old.versionId()).lock())
                .isEqualTo(new ObjectLock(RetentionMode.GOVERNANCE, LATER, true));
        assertThat(engine.object("w", "k", old.versionId()).tags()).containsEntry("team", "a");
        assertThat(engine.bucket("w").orElseThrow().objectLockEnabled()).isTrue();
    }

    @Test
    void aBucketWithVersionsOrMarkersIsNotEmpty() {
        enable();
        ObjectVersion v = put(engine, "b", "k", "one");
        ObjectVersion marker = engine.apply(delete("k", null));
        engine.apply(delete("k", v.versionId()));
        assertThatThrownBy(() -> engine.apply(new DeleteBucket("b"))).isInstanceOf(BucketNotEmptyException.class);
        engine.apply(delete("k", marker.versionId()));
        engine.apply(new DeleteBucket("b"));
        assertThat(engine.bucket("b")).isEmpty();
    }

    private void enable() {
        engine.apply(new SetBucketVersioning("b", Versioning.ENABLED));
    }

    private void lockedBucket(String name) {
        engine.apply(new CreateBucket(name, "us-east-1", OWNER, 1_000L, Quota.NONE, Map.of(), true));
    }

    private ObjectVersion putLocked(String bucket, String key, ObjectLock lock) {
        ObjectBody body = body(engine, big(key).getBytes(StandardCharsets.UTF_8));
        return engine.apply(new PutObject(bucket, new ObjectVersion(key, VersionIds.next(), false, body.size(), "e", NOW,
                OWNER, Map.of(), Map.of(), Map.of(), body, null, lock, Map.of("team", "a"), null)));
    }

    private static SetObjectRetention retention(String bucket, ObjectVersion v, RetentionMode mode, long until, boolean bypass) {
        return new SetObjectRetention(bucket, v.key(), v.versionId(), mode, until, bypass, NOW);
    }

    private static DeleteObject delete(String key, String versionId) {
        return new DeleteObject("b", key, versionId, "alice", VersionIds.next(), NOW, false, WritePrecondition.NONE);
    }

    private static DeleteObject deleteIn(String bucket, String key, String versionId, boolean bypass) {
        return new DeleteObject(bucket, key, versionId, OWNER, VersionIds.next(), NOW, bypass, WritePrecondition.NONE);
    }

    /** Every version of the bucket in listing order: "marker:" for delete markers, "*" after the latest. */
    private List<String> versions() {
        return engine.listVersions(new ListVersionsRequest("b", "", null, null, null, 1000)).versions().stream()
                .map(e -> (e.version().deleteMarker() ? "marker:" : "") + e.version().versionId() + (e.latest() ? "*" : ""))
                .toList();
    }

    private String readVersion(String key, String versionId) {
        return read(engine, "b", key, versionId);
    }

    private int blobFiles() {
        return files(dir.resolve("blobs")).size();
    }
}
