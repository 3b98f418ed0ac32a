package io.stowage.engine.model;

/**
 * A page of current objects.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter collapses keys into common prefixes (null or "" for none)
 * @param startAfter exclusive lower bound, a key or a common prefix returned earlier (null for none)
 * @param maxKeys at most this many objects plus common prefixes
 */
public record ListObjectsRequest(String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
}
