package io.stowage.engine.model;

import java.util.Map;

/**
 * A multipart upload in progress: what CreateMultipartUpload declared for the object to be.
 *
 * @param uploadId opaque, ordered by initiation time
 * @param checksumAlgorithm the algorithm every part must carry (CRC32, ... , SHA256), or null
 * @param checksumType COMPOSITE or FULL_OBJECT when an algorithm is set, else null
 */
public record MultipartUpload(
        String key,
        String uploadId,
        long initiatedMillis,
        String owner,
        Map<String, String> headers,
        Map<String, String> userMetadata,
        String checksumAlgorithm,
        String checksumType) {

    public MultipartUpload {
        headers = Map.copyOf(headers);
        userMetadata = Map.copyOf(userMetadata);
    }
}
