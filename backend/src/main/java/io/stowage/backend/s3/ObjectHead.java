package io.stowage.backend.s3;

import java.util.Map;
import java.util.Optional;

/**
 * What a GetObject or HeadObject answer says about the object (or the range or part read).
 *
 * @param contentLength the bytes of this answer's body: the object's, or the range's or part's
 * @param etag the object's ETag without its quotes, or null when the answer had none
 * @param partsCount how many parts the object has, when a part was read ({@code x-amz-mp-parts-count})
 * @param checksums the stored checksums answered (when asked for), by lower-case algorithm name
 *     ({@code crc32}, {@code crc32c}, {@code crc64nvme}, {@code sha1}, {@code sha256}) to the base64 value as sent,
 *     which for a composite checksum of a multipart object ends in {@code -N}
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE} when the answer said
 * @param serverSideEncryption {@code x-amz-server-side-encryption} ({@code AES256}, {@code aws:kms}, ...), or null
 * @param customerKey whether the object is encrypted with a key the client gave (SSE-C)
 */
public record ObjectHead(long contentLength, String etag, Optional<Integer> partsCount, Map<String, String> checksums,
                         Optional<String> checksumType, String serverSideEncryption, boolean customerKey) {

    public ObjectHead {
        checksums = Map.copyOf(checksums);
    }

    /**
     * Whether the ETag is made of MD5s of the bytes, as S3 makes it for objects not encrypted with KMS or a
     * customer key: a one-PUT object's is the MD5 of its bytes, a multipart object's the MD5 of its parts' MD5s
     * followed by {@code -N}.
     */
    public boolean etagIsMd5Based() {
        return etag != null && !customerKey && (serverSideEncryption == null || !serverSideEncryption.startsWith("aws:kms"));
    }

    /** Whether the ETag is the MD5 of the object's bytes (an MD5-based ETag without a parts count). */
    public boolean etagIsContentMd5() {
        return etagIsMd5Based() && etag.matches("[0-9a-fA-F]{32}");
    }
}
