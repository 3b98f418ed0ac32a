package io.stowage.engine.store.meta;

/** The column families; see {@link io.stowage.engine.store.codec.KeyCodec} for their key layouts. */
public enum Cf {
    /** bucket name -> Bucket. */
    BUCKETS(false),
    /** bucket 0x00 key -> current ObjectVersion (possibly a delete marker). */
    OBJECTS(true),
    /** bucket 0x00 key 0x00 versionSortKey -> non-current ObjectVersion. */
    VERSIONS(false),
    /** blobId -> owner reference (bucket 0x00 key 0x00 versionId). */
    BLOBS(true),
    /** blobId -> empty: blob files to delete. */
    GC(false),
    /** bucket 0x00 key 0x00 uploadId -> MultipartUpload in progress. */
    UPLOADS(false),
    /** uploadId 0x00 partNumber (4 bytes, big-endian) -> Part. */
    PARTS(false),
    /** user name -> User. */
    USERS(false),
    /** access key id -> AccessKey. */
    KEYS(false),
    /** subject kind, subject id 0x00 bucket 0x00 prefix -> Grant. */
    GRANTS(false),
    /** bucket 0x00 kind -> the document (UTF-8) of a bucket configuration. */
    BUCKET_CONFIG(false),
    /**
     * bucket 0x00 'b' | 'n' -> bytes | objects, as 64-bit little-endian sums of merge operands; bucket 0x00 'p' prefix
     * 0x00 'b' | 'n' -> the same under a prefix with a quota.
     */
    USAGE(false),
    /** "applied" -> the Raft log position (term, index; two 64-bit big-endian longs) of the last applied command. */
    LOG(false),
    /** blobId -> empty: blobs committed by a replicated command that have not reached this node yet. */
    MISSING(false),
    /** bucket 0x00 prefix -> the Quota of that prefix. */
    PREFIX_QUOTAS(false);

    final boolean bloom;

    Cf(boolean bloom) {
        this.bloom = bloom;
    }
}
