package io.stowage.backend.s3;

/**
 * One object of a listing: its key, size in bytes and ETag.
 *
 * @param etag the ETag without its quotes, or null when the listing gave none
 */
public record ListedObject(String key, long size, String etag) {
}
