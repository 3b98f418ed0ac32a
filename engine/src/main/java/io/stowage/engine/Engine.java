package io.stowage.engine;

import io.stowage.engine.command.Command;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.VersionListing;
import java.util.List;
import java.util.Optional;

/**
 * The storage engine. Every mutation is a {@link Command} applied by {@link #apply}; reads go
 * straight to the local store. Object bytes are written through {@link #newBody} before the
 * command that references them is applied, so a replicated engine can move bytes and commands
 * separately.
 */
public interface Engine extends AutoCloseable {

    /** Applies one command durably (synced metadata write) and returns its result. */
    <R> R apply(Command<R> command);

    Optional<Bucket> bucket(String name);

    /** All buckets, sorted by name. */
    List<Bucket> buckets();

    /**
     * The version of an object: the current one when {@code versionId} is null. A current
     * version that is a delete marker is returned as such; callers decide what it means.
     *
     * @throws io.stowage.engine.error.NoSuchBucketException
     * @throws io.stowage.engine.error.NoSuchKeyException
     * @throws io.stowage.engine.error.NoSuchVersionException
     */
    ObjectVersion object(String bucket, String key, String versionId);

    /** Like {@link #object} but also opens the bytes, retrying if an overwrite races the open. */
    OpenedObject open(String bucket, String key, String versionId);

    ObjectListing listObjects(ListObjectsRequest request);

    VersionListing listVersions(ListVersionsRequest request);

    /**
     * A writer for the bytes of a new object. {@code expectedLength} (or -1 when unknown)
     * lets the engine keep small bodies inline in metadata.
     */
    BodyWriter newBody(long expectedLength);

    /** Deletes the bytes of a body that was finished but never committed by a command. */
    void discard(io.stowage.engine.model.ObjectBody body);

    @Override
    void close();
}
