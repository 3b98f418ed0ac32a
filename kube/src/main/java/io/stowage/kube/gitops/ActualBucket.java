package io.stowage.kube.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.s3.BucketVersioning;
import io.stowage.backend.s3.CorsRule;
import io.stowage.backend.s3.LifecycleRule;
import io.stowage.backend.s3.ObjectLockConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket's settings as the backend has them; an empty optional was not read (the spec does not manage that setting).
 *
 * @param policy the policy document, or a JSON null when the bucket has none
 */
record ActualBucket(BucketQuota quota, Optional<BucketVersioning> versioning, Map<String, String> tags,
                    Optional<JsonNode> policy, Optional<List<LifecycleRule>> lifecycle, Optional<List<CorsRule>> cors,
                    Optional<ObjectLockConfiguration> objectLock) {
}
