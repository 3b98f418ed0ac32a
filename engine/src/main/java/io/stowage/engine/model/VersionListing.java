package io.stowage.engine.model;

import java.util.List;

public record VersionListing(
        List<Entry> versions, List<String> commonPrefixes, boolean truncated, String nextKeyMarker, String nextVersionIdMarker) {

    public record Entry(ObjectVersion version, boolean latest) {
    }
}
