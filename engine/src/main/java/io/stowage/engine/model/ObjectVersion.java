package io.stowage.engine.model;

import java.util.Map;

/**
 * One version of an object. Unversioned buckets hold a single version whose id is {@link #NULL_ID}.
 *
 * @param etag the entity tag without quotes (hex MD5, or hex-N for multipart)
 * @param headers stored standard headers by lower-case name: content-type, content-encoding,
 *     content-disposition, content-language, cache-control, expires
 * @param userMetadata x-amz-meta-* values by lower-case name without the prefix
 * @param checksums base64 checksums by algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256)
 * @param acl the object's access control list in the S3 layer's text form, or null for the
 *     default (its owner has full control)
 * @param lock the version's retention and legal hold ({@link ObjectLock#NONE} for none)
 * @param tags the version's tags by key
 * @param encryption the envelope of an encrypted body (the S3 layer's text form: how its data key is wrapped), or
 *     null for a body stored as it was sent; {@code size} is always the plaintext size
 */
public record ObjectVersion(
        String key,
        String versionId,
        boolean deleteMarker,
        long size,
        String etag,
        long lastModifiedMillis,
        String owner,
        Map<String, String> headers,
        Map<String, String> userMetadata,
        Map<String, String> checksums,
        ObjectBody body,
        String acl,
        ObjectLock lock,
        Map<String, String> tags,
        String encryption) {

    public static final String NULL_ID = "null";

    public ObjectVersion {
        headers = Map.copyOf(headers);
        userMetadata = Map.copyOf(userMetadata);
        checksums = Map.copyOf(checksums);
        lock = lock == null ? ObjectLock.NONE : lock;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A version without lock or tags. */
    public ObjectVersion(String key, String versionId, boolean deleteMarker, long size, String etag, long lastModifiedMillis,
            String owner, Map<String, String> headers, Map<String, String> userMetadata, Map<String, String> checksums,
            ObjectBody body, String acl) {
        this(key, versionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers, userMetadata, checksums, body,
                acl, ObjectLock.NONE, Map.of(), null);
    }

    /** A delete marker written at {@code atMillis} by {@code owner}. */
    public static ObjectVersion deleteMarker(String key, String versionId, long atMillis, String owner) {
        return new ObjectVersion(key, versionId, true, 0, "", atMillis, owner, Map.of(), Map.of(), Map.of(), null, null);
    }

    public ObjectVersion withAcl(String newAcl) {
        return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers, userMetadata,
                checksums, body, newAcl, lock, tags, encryption);
    }

    public ObjectVersion withVersionId(String newVersionId) {
        return new ObjectVersion(key, newVersionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers,
                userMetadata, checksums, body, acl, lock, tags, encryption);
    }

    public ObjectVersion withTags(Map<String, String> newTags) {
        return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers,
                userMetadata, checksums, body, acl, lock, newTags, encryption);
    }

    public ObjectVersion withEncryption(String newEncryption) {
        return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers,
                userMetadata, checksums, body, acl, lock, tags, newEncryption);
    }

    public ObjectVersion withLock(ObjectLock newLock) {
        return new ObjectVersion(key, versionId, deleteMarker, size, etag, lastModifiedMillis, owner, headers,
                userMetadata, checksums, body, acl, newLock, tags, encryption);
    }
}
