package io.stowage.engine.model;

/**
 * A page of multipart uploads in progress, by key then initiation time.
 *
 * @param keyMarker uploads of keys after this one (or, with uploadIdMarker, after that upload of this key)
 */
public record ListUploadsRequest(String bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker, int maxUploads) {
}
