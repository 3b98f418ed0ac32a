package io.stowage.engine.model;

import java.util.List;

/**
 * @param nextMarker the last key or common prefix in this page, to pass as startAfter; null when not truncated
 */
public record ObjectListing(List<ObjectVersion> objects, List<String> commonPrefixes, boolean truncated, String nextMarker) {
}
