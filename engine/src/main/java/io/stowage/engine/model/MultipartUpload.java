package io.stowage.engine.model;

import java.util.Map;

/**
 * A multipart upload in progress: what CreateMultipartUpload declared for the object to be.
 *
 * @param uploadId opaque, ordered by initiation time
 * @param owner who will own the object (the initiator, or the bucket owner when ownership controls transfer it)
 * @param checksumAlgorithm the algorithm every part must carry (CRC32, ... , SHA256), or null
 * @param checksumType COMPOSITE or FULL_OBJECT when an algorithm is set, else null
 * @param acl the object's ACL as {@link ObjectVersion#acl()} will hold it, or null for the default
 * @param lock the retention and legal hold the object will have
 * @param tags the tags the object will have
 * @param encryption the envelope its parts are encrypted under (as {@link ObjectVersion#encryption()}), or null
 */
public record MultipartUpload(
        String key,
        String uploadId,
        long initiatedMillis,
        String owner,
        Map<String, String> headers,
        Map<String, String> userMetadata,
        String checksumAlgorithm,
        String checksumType,
        String acl,
        ObjectLock lock,
        Map<String, String> tags,
        String encryption) {

    public MultipartUpload {
        headers = Map.copyOf(headers);
        userMetadata = Map.copyOf(userMetadata);
        lock = lock == null ? ObjectLock.NONE : lock;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public MultipartUpload(String key, String uploadId, long initiatedMillis, String owner, Map<String, String> headers,
            Map<String, String> userMetadata, String checksumAlgorithm, String checksumType, String acl) {
        this(key, uploadId, initiatedMillis, owner, headers, userMetadata, checksumAlgorithm, checksumType, acl,
                ObjectLock.NONE, Map.of(), null);
    }
}
