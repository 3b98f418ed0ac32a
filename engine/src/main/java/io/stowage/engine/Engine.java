package io.stowage.engine;

import io.stowage.engine.command.Command;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.PrefixQuota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PartListing;
import io.stowage.engine.model.UploadListing;
import io.stowage.engine.model.UploadRef;
import java.io.IOException;
import java.nio.channels.FileChannel;
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

    /** Users, access keys and grants as of the last IAM command. */
    IamState iam();

    /** A configuration document of a bucket (its policy, ACL, ...), if set. */
    Optional<String> bucketConfig(String bucket, BucketConfigKind kind);

    /**
     * The bytes and objects a bucket holds, exact as of the last committed write.
     *
     * @throws io.stowage.engine.error.NoSuchBucketException
     */
    Usage usage(String bucket);

    /**
     * The prefix quotas of a bucket with the usage under each, sorted by prefix.
     *
     * @throws io.stowage.engine.error.NoSuchBucketException
     */
    List<PrefixQuota> prefixQuotas(String bucket);

    /** All buckets, sorted by name. */
    List<Bucket> buckets();

    /**
     * Figures about the store for monitoring, cheap enough to read on every scrape.
     *
     * @throws io.stowage.engine.error.StorageException when the engine is closed or a figure cannot be read
     */
    EngineStats stats();

    /**
     * The version of an object: the current one when {@code versionId} is null. A current
     * version that is a delete marker is returned as such; callers decide what it means.
     *
     * @throws io.stowage.engine.error.NoSuchBucketException
     * @throws io.stowage.engine.error.NoSuchKeyException
     * @throws io.stowage.engine.error.NoSuchVersionException
     */
    ObjectVersion object(String bucket, String key, String versionId);

    /**
     * Like {@link #object} but also opens the bytes, retrying if an overwrite races the open. The
     * channel is null for inline bodies and for multipart bodies (see {@link #openBlob}).
     */
    OpenedObject open(String bucket, String key, String versionId);

    ObjectListing listObjects(ListObjectsRequest request);

    VersionListing listVersions(ListVersionsRequest request);

    /** @throws io.stowage.engine.error.NoSuchUploadException when the upload is not in progress for that key */
    MultipartUpload upload(String bucket, String key, String uploadId);

    /** Every part of an upload in progress, by part number (at most 10 000 small records). */
    List<Part> parts(String bucket, String key, String uploadId);

    /** A page of an upload's parts with numbers above {@code partNumberMarker}. */
    PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts);

    UploadListing listUploads(ListUploadsRequest request);

    /** Uploads in progress, in any bucket, initiated before {@code epochMillis}: what the sweeper aborts. */
    List<UploadRef> uploadsInitiatedBefore(long epochMillis, int limit);

    /**
     * Opens one blob of a body for reading (parts of multipart objects are opened one at a time
     * while they are sent).
     *
     * @throws java.nio.file.NoSuchFileException when the blob was freed (its object overwritten or deleted)
     */
    FileChannel openBlob(String blobId) throws IOException;

    /**
     * A writer for the bytes of a new object. {@code expectedLength} (or -1 when unknown)
     * lets the engine keep small bodies inline in metadata.
     */
    BodyWriter newBody(long expectedLength);

    /**
     * Whether this node runs the background jobs that write (upload sweeper, lifecycle): a single
     * node always; in a cluster only the leader, so that they do not run once per node.
     */
    default boolean leads() {
        return true;
    }

    /**
     * Whether this node can serve what it promises: a single node always; a cluster node with linearizable
     * reads only while it knows a leader, i.e. is in touch with a majority.
     */
    default boolean serving() {
        return true;
    }

    /** Deletes the bytes of a body that was finished but never committed by a command. */
    void discard(io.stowage.engine.model.ObjectBody body);

    @Override
    void close();
}
