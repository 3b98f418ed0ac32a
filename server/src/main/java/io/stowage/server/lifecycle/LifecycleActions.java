package io.stowage.server.lifecycle;

import io.stowage.engine.Engine;
import io.stowage.engine.command.AbortMultipartUpload;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.command.WritePrecondition;
import io.stowage.engine.error.NoSuchUploadException;
import io.stowage.engine.error.ObjectLockedException;
import io.stowage.engine.error.PreconditionFailedException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionIds;
import io.stowage.s3.lifecycle.DueAction;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what lifecycle rules ask, as engine commands made on behalf of the bucket's owner. A version written
 * after the worker looked is never expired in its place (the current version's deletion is conditional on the ETag
 * seen), and a version its object lock protects is left alone.
 */
final class LifecycleActions {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleActions.class);

    private final Engine engine;
    private final LifecycleEvents events;
    private final Clock clock;

    LifecycleActions(Engine engine, LifecycleEvents events, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    /** Applies {@code action} to {@code version}; returns whether the version is gone for good. */
    boolean apply(Bucket bucket, ObjectVersion version, DueAction action) {
        try {
            return switch (action.kind()) {
                case EXPIRE_CURRENT -> {
                    // unversioned: the version is removed; versioned or suspended: a delete marker hides it
                    ObjectVersion done = delete(bucket, version.key(), null, new WritePrecondition(version.etag(), false));
                    count(done, LifecycleEvents.Expired.CURRENT);
                    yield done != null && !done.deleteMarker();
                }
                case EXPIRE_NONCURRENT -> count(delete(bucket, version.key(), version.versionId(), WritePrecondition.NONE),
                        LifecycleEvents.Expired.NONCURRENT);
                case REMOVE_DELETE_MARKER -> count(delete(bucket, version.key(), version.versionId(), WritePrecondition.NONE),
                        LifecycleEvents.Expired.DELETE_MARKER);
            };
        } catch (ObjectLockedException e) {
            events.skippedLocked();
            return false;
        } catch (PreconditionFailedException e) {
            LOG.debug("{}/{} changed after the lifecycle worker looked at it; left for the next pass", bucket.name(),
                    version.key());
            return false;
        }
    }

    void abort(String bucket, MultipartUpload upload) {
        try {
            engine.apply(new AbortMultipartUpload(bucket, upload.key(), upload.uploadId()));
            events.uploadAborted();
        } catch (NoSuchUploadException e) {
            LOG.debug("Upload {} ended before the lifecycle worker aborted it", upload.uploadId());
        }
    }

    private ObjectVersion delete(Bucket bucket, String key, String versionId, WritePrecondition precondition) {
        return engine.apply(new DeleteObject(bucket.name(), key, versionId, bucket.owner(), VersionIds.next(),
                clock.millis(), false, precondition));
    }

    /** Counts a deletion that did something; a version already gone is not counted. */
    private boolean count(ObjectVersion deleted, LifecycleEvents.Expired kind) {
        if (deleted == null) {
            return false;
        }
        events.expired(kind);
        return true;
    }
}
