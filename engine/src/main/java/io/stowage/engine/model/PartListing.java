package io.stowage.engine.model;

import java.util.List;

/** @param nextPartNumberMarker the last part number in the page, when truncated */
public record PartListing(MultipartUpload upload, List<Part> parts, boolean truncated, int nextPartNumberMarker) {
}
