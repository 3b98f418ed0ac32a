package io.stowage.backend.s3;

import java.util.List;
import java.util.Optional;

/**
 * One page of a ListObjectsV2 answer.
 *
 * @param nextContinuationToken where the next page starts; empty on the last page
 */
public record ObjectListing(List<ListedObject> objects, Optional<String> nextContinuationToken) {

    public ObjectListing {
        objects = List.copyOf(objects);
    }
}
