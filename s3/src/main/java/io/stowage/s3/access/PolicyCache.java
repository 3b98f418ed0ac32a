package io.stowage.s3.access;

import io.stowage.engine.Engine;
import io.stowage.engine.iam.policy.BucketPolicy;
import io.stowage.engine.model.BucketConfigKind;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed policy of each bucket. The engine's stored text is read on every request (a cached
 * metadata read) and parsed again only when it changed, so a policy set through any path (S3,
 * the admin API, another replica) takes effect on the next request.
 */
public final class PolicyCache {

    private record Parsed(String text, BucketPolicy policy) {
    }

    private final Engine engine;
    private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

    public PolicyCache(Engine engine) {
        this.engine = engine;
    }

    public Optional<BucketPolicy> policy(String bucket) {
        Optional<String> text = engine.bucketConfig(bucket, BucketConfigKind.POLICY);
        if (text.isEmpty()) {
            parsed.remove(bucket);
            return Optional.empty();
        }
        Parsed cached = parsed.get(bucket);
        if (cached == null || !cached.text().equals(text.get())) {
            cached = new Parsed(text.get(), BucketPolicy.parse(text.get(), bucket));
            parsed.put(bucket, cached);
        }
        return Optional.of(cached.policy());
    }
}
