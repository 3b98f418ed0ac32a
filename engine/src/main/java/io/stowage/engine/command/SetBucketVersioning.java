package io.stowage.engine.command;

import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Versioning;

/**
 * Enables or suspends versioning. A bucket never returns to UNVERSIONED, and one with object lock cannot be suspended.
 *
 * @throws io.stowage.engine.error.InvalidBucketStateException when suspending a bucket with object lock
 */
public record SetBucketVersioning(String bucket, Versioning versioning) implements Command<Bucket> {

    public SetBucketVersioning {
        if (versioning == Versioning.UNVERSIONED) {
            throw new IllegalArgumentException("versioning can be enabled or suspended, not removed");
        }
    }
}
