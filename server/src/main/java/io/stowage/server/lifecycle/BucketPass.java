package io.stowage.server.lifecycle;

import io.stowage.engine.Engine;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.UploadListing;
import io.stowage.engine.model.VersionListing;
import io.stowage.s3.lifecycle.DueAction;
import io.stowage.s3.lifecycle.LifecycleEvaluator;
import io.stowage.s3.lifecycle.VersionState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Walks one bucket for its lifecycle rules: every version, key by key and newest first, then every multipart upload,
 * page by page, from a cursor and within a cycle's budget.
 */
final class BucketPass {

    static final int PAGE = 1000;

    private final Engine engine;
    private final LifecycleActions actions;
    private final LifecycleEvents events;
    private final Clock clock;

    BucketPass(Engine engine, LifecycleActions actions, LifecycleEvents events, Clock clock) {
        this.engine = engine;
        this.actions = actions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Goes on from {@code from} until the bucket is done or the budget spent, handing {@code checkpoint} the cursor
     * after each page.
     *
     * @return where to go on next time, or null when the bucket is done
     */
    LifecycleCursor run(Bucket bucket, LifecycleEvaluator rules, LifecycleCursor from, CycleBudget budget,
            Consumer<LifecycleCursor> checkpoint) {
        LifecycleCursor cursor = from;
        if (cursor.phase() == LifecycleCursor.Phase.VERSIONS) {
            cursor = rules.actsOnVersions() ? versions(bucket, rules, cursor, budget, checkpoint) : null;
            if (cursor != null) {
                return cursor;
            }
            cursor = uploadsCursor(null, null);
        }
        return rules.abortsUploads() ? uploads(bucket, rules, cursor, budget, checkpoint) : null;
    }

    /** The version walk's position and what it knows of the key it is in. */
    private static final class Walk {
        String key;
        String versionId;
        long newerModifiedMillis;
        int newerNoncurrent;

        Walk(LifecycleCursor cursor) {
            key = cursor.keyMarker();
            versionId = cursor.idMarker();
            newerModifiedMillis = cursor.newerModifiedMillis();
            newerNoncurrent = cursor.newerNoncurrent();
        }

        LifecycleCursor cursor() {
            return new LifecycleCursor(LifecycleCursor.Phase.VERSIONS, key, versionId, newerModifiedMillis, newerNoncurrent);
        }
    }

    private LifecycleCursor versions(Bucket bucket, LifecycleEvaluator rules, LifecycleCursor from, CycleBudget budget,
            Consumer<LifecycleCursor> checkpoint) {
        Walk walk = new Walk(from);
        while (true) {
            if (budget.spent()) {
                return walk.cursor();
            }
            VersionListing page = engine.listVersions(
                    new ListVersionsRequest(bucket.name(), null, null, walk.key, walk.versionId, budget.pageSize(PAGE)));
            List<VersionListing.Entry> entries = page.versions();
            for (int i = 0; i < entries.size(); i++) {
                if (budget.spent()) {
                    return walk.cursor();
                }
                budget.take();
                events.examined();
                VersionListing.Entry next = i + 1 < entries.size() ? entries.get(i + 1) : null;
                visit(bucket, rules, entries.get(i), walk, next, page.truncated());
            }
            if (!page.truncated()) {
                return null;
            }
            checkpoint.accept(walk.cursor());
        }
    }

    /**
     * Deals with one version and moves the walk past it. A non-current version removed for good does not move the
     * walk's position: the listing goes on after a version that still exists.
     */
    private void visit(Bucket bucket, LifecycleEvaluator rules, VersionListing.Entry entry, Walk walk,
            VersionListing.Entry next, boolean moreAfterPage) {
        ObjectVersion version = entry.version();
        long now = clock.millis();
        if (entry.latest()) {
            boolean onlyVersion = version.deleteMarker() && rules.removesExpiredDeleteMarker(version.key())
                    && onlyVersion(bucket, version, next, moreAfterPage);
            rules.due(VersionState.current(version, onlyVersion), now)
                    .ifPresent(action -> actions.apply(bucket, version, action));
            walk.key = version.key();
            walk.versionId = version.versionId();
            walk.newerModifiedMillis = version.lastModifiedMillis();
            walk.newerNoncurrent = 0;
            return;
        }
        if (!version.key().equals(walk.key)) {
            // its key's current version vanished between two pages: when it became non-current is not known
            walk.key = version.key();
            walk.versionId = version.versionId();
            walk.newerModifiedMillis = version.lastModifiedMillis();
            walk.newerNoncurrent = 1;
            return;
        }
        Optional<DueAction> due = rules.due(
                VersionState.noncurrent(version, walk.newerModifiedMillis, walk.newerNoncurrent), now);
        boolean removed = due.isPresent() && actions.apply(bucket, version, due.get());
        if (!removed) {
            walk.versionId = version.versionId();
        }
        walk.newerModifiedMillis = version.lastModifiedMillis();
        walk.newerNoncurrent++;
    }

    /** Whether a current delete marker is the only version of its key. */
    private boolean onlyVersion(Bucket bucket, ObjectVersion marker, VersionListing.Entry next, boolean moreAfterPage) {
        if (next != null) {
            return !next.version().key().equals(marker.key());
        }
        if (!moreAfterPage) {
            return true;
        }
        List<VersionListing.Entry> after = engine.listVersions(new ListVersionsRequest(
                bucket.name(), marker.key(), null, marker.key(), marker.versionId(), 1)).versions();
        return after.isEmpty() || !after.getFirst().version().key().equals(marker.key());
    }

    private LifecycleCursor uploads(Bucket bucket, LifecycleEvaluator rules, LifecycleCursor from, CycleBudget budget,
            Consumer<LifecycleCursor> checkpoint) {
        String key = from.keyMarker();
        String uploadId = from.idMarker();
        while (true) {
            if (budget.spent()) {
                return uploadsCursor(key, uploadId);
            }
            UploadListing page = engine.listUploads(
                    new ListUploadsRequest(bucket.name(), null, null, key, uploadId, budget.pageSize(PAGE)));
            for (MultipartUpload upload : page.uploads()) {
                if (budget.spent()) {
                    return uploadsCursor(key, uploadId);
                }
                budget.take();
                events.examined();
                rules.abortingRule(upload, clock.millis()).ifPresent(rule -> actions.abort(bucket.name(), upload));
                key = upload.key();
                uploadId = upload.uploadId();
            }
            if (!page.truncated()) {
                return null;
            }
            checkpoint.accept(uploadsCursor(key, uploadId));
        }
    }

    private static LifecycleCursor uploadsCursor(String key, String uploadId) {
        return new LifecycleCursor(LifecycleCursor.Phase.UPLOADS, key, uploadId, 0, 0);
    }
}
