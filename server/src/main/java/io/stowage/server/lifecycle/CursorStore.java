package io.stowage.server.lifecycle;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteBucketConfig;
import io.stowage.engine.command.PutBucketConfig;
import io.stowage.engine.error.NoSuchBucketException;
import io.stowage.engine.model.BucketConfigKind;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lifecycle cursor as a document of the bucket it points into, written through the engine like any bucket
 * setting: durable, replicated with the bucket, and gone when the bucket is deleted.
 */
final class CursorStore {

    private static final Logger LOG = LoggerFactory.getLogger(CursorStore.class);

    private final Engine engine;

    CursorStore(Engine engine) {
        this.engine = engine;
    }

    /** The cursor stored in the bucket; empty when there is none or it cannot be read (the pass then starts over). */
    Optional<LifecycleCursor> load(String bucket) {
        Optional<String> text = engine.bucketConfig(bucket, BucketConfigKind.LIFECYCLE_CURSOR);
        try {
            return text.map(LifecycleCursor::decode);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the unreadable lifecycle cursor of bucket {}: {}", bucket, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores the cursor; a bucket deleted meanwhile needs none. */
    void save(String bucket, LifecycleCursor cursor) {
        try {
            engine.apply(new PutBucketConfig(bucket, BucketConfigKind.LIFECYCLE_CURSOR, cursor.encode()));
        } catch (NoSuchBucketException e) {
            LOG.debug("Bucket {} was deleted before its lifecycle cursor was saved", bucket);
        }
    }

    /** Removes the cursor; a bucket deleted meanwhile took it along. */
    void clear(String bucket) {
        try {
            engine.apply(new DeleteBucketConfig(bucket, BucketConfigKind.LIFECYCLE_CURSOR));
        } catch (NoSuchBucketException e) {
            LOG.debug("Bucket {} was deleted with its lifecycle cursor", bucket);
        }
    }
}
