package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteObject;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.VersionListing;

/**
 * Deletes every object version (and delete marker) of a bucket. Each deletion is its own durable
 * command, so an emptying cut short by a crash simply continues when repeated.
 */
final class BucketEmptier {

    private static final int PAGE = 1000;

    private final Engine engine;

    BucketEmptier(Engine engine) {
        this.engine = engine;
    }

    /**
     * @return how many versions were deleted
     * @throws io.stowage.engine.error.NoSuchBucketException when the bucket is (or becomes) missing
     */
    long empty(String bucket) {
        long deleted = 0;
        VersionListing page;
        // Every page is deleted whole, so each listing starts again from the first key: no marker
        // has to point at a version that is gone.
        do {
            page = engine.listVersions(new ListVersionsRequest(bucket, "", null, null, null, PAGE));
            for (VersionListing.Entry entry : page.versions()) {
                engine.apply(new DeleteObject(bucket, entry.version().key(), entry.version().versionId()));
                deleted++;
            }
        } while (!page.versions().isEmpty());
        return deleted;
    }
}
