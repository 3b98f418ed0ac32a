package io.stowage.kube.gitops;

import io.stowage.backend.AccessKey;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.s3.S3ObjectClient;
import java.util.Optional;

/**
 * A GitOps resource's backend.
 *
 * @param s3Key the key that signs the S3 requests for what only S3 sets (versioning, policy, lifecycle, CORS, object
 *     lock), empty when the backend gives none; fetched (on an ObjectStore, installed) only when such a request is made
 * @param noS3Key what to do when there is no such key, for the message
 */
record GitopsBackend(BucketBackend backend, Optional<S3Key> s3Key, String noS3Key) {

    /** Where the S3 key comes from. */
    @FunctionalInterface
    interface S3Key {
        AccessKey get() throws GitopsKeyRefusedException;
    }

    /** An S3 client with that key, or empty when there is none. The caller closes it. */
    Optional<S3ObjectClient> s3() throws GitopsKeyRefusedException {
        if (s3Key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(S3ObjectClient.open(backend.endpoint(), s3Key.get().get()));
    }
}
