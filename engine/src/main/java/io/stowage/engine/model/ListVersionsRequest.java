package io.stowage.engine.model;

/**
 * A page of object versions (including delete markers), keys ascending, newest version first.
 *
 * @param keyMarker exclusive start key (null for none); with versionIdMarker, the page starts after that version
 */
public record ListVersionsRequest(String bucket, String prefix, String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {
}
