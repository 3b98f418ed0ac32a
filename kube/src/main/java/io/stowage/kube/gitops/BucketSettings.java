package io.stowage.kube.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.S3ObjectClient;
import java.util.List;
import java.util.Optional;

/**
 * Reads a bucket's settings from the backend and puts back those that differ from the spec: quota and tags through the
 * backend interface, versioning, policy, lifecycle and CORS rules and object lock's default retention over S3.
 */
final class BucketSettings {

    private final BucketBackend backend;
    private final Optional<S3ObjectClient> s3;

    /** @param s3 present whenever the desired bucket {@link DesiredBucket#needsS3() needs S3} */
    BucketSettings(BucketBackend backend, Optional<S3ObjectClient> s3) {
        this.backend = backend;
        this.s3 = s3;
    }

    ActualBucket read(DesiredBucket desired, BucketQuota quota) {
        String name = desired.name();
        return new ActualBucket(quota, desired.versioning().map(v -> s3().bucketVersioning(name)), backend.bucketTags(name),
                desired.policy().map(p -> s3().bucketPolicy(name).map(BucketSettings::parse).orElse(NullNode.getInstance())),
                desired.lifecycle().map(l -> s3().bucketLifecycle(name)), desired.cors().map(c -> s3().bucketCors(name)),
                desired.objectLock().map(o -> s3().objectLockConfiguration(name)));
    }

    void putBack(DesiredBucket desired, List<BucketDrift.Difference> differences) {
        String name = desired.name();
        for (BucketDrift.Difference difference : differences) {
            switch (difference.setting()) {
                case QUOTA -> backend.setQuota(name, desired.quota().orElseThrow());
                case VERSIONING -> s3().setBucketVersioning(name, desired.versioning().orElseThrow());
                case TAGS -> backend.setBucketTags(name, desired.tags());
                case POLICY -> s3().putBucketPolicy(name, desired.policy().orElseThrow().toString());
                case LIFECYCLE -> s3().setBucketLifecycle(name, desired.lifecycle().orElseThrow());
                case CORS -> s3().setBucketCors(name, desired.cors().orElseThrow());
                case OBJECT_LOCK -> s3().setObjectLockConfiguration(name, desired.objectLock().orElseThrow().defaultRetention());
            }
        }
    }

    private S3ObjectClient s3() {
        return s3.orElseThrow(() -> new IllegalStateException("bucket settings over S3 without an S3 key"));
    }

    private static JsonNode parse(String policy) {
        try {
            return DesiredBucket.JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new BackendException(BackendException.Reason.UNAVAILABLE, "the backend answered a policy that is not JSON", e);
        }
    }
}
