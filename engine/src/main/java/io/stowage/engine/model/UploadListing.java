package io.stowage.engine.model;

import java.util.List;

public record UploadListing(
        List<MultipartUpload> uploads, List<String> commonPrefixes, boolean truncated, String nextKeyMarker, String nextUploadIdMarker) {
}
