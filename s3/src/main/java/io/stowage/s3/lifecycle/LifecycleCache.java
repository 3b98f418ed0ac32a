package io.stowage.s3.lifecycle;

import io.stowage.engine.Engine;
import io.stowage.engine.model.BucketConfigKind;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifecycle rules of each bucket, ready to evaluate. The stored document is read on each call (a point read that
 * finds nothing for most buckets) and parsed again only when its text changed, so a configuration set through any
 * path takes effect on the next request. At most {@link #MAX_BUCKETS} buckets are kept; past that the cache starts
 * over.
 */
public final class LifecycleCache {

    static final int MAX_BUCKETS = 1024;

    private record Parsed(String document, LifecycleEvaluator evaluator) {
    }

    private final Engine engine;
    private final LifecycleTiming timing;
    private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

    public LifecycleCache(Engine engine, LifecycleTiming timing) {
        this.engine = engine;
        this.timing = timing;
    }

    /** The bucket's enabled rules, or empty when it has no lifecycle configuration. */
    public Optional<LifecycleEvaluator> evaluator(String bucket) {
        Optional<String> document = engine.bucketConfig(bucket, BucketConfigKind.LIFECYCLE);
        if (document.isEmpty()) {
            parsed.remove(bucket);
            return Optional.empty();
        }
        Parsed cached = parsed.get(bucket);
        if (cached == null || !cached.document().equals(document.get())) {
            cached = new Parsed(document.get(), new LifecycleEvaluator(LifecycleXmlReader.read(document.get()), timing));
            if (parsed.size() >= MAX_BUCKETS) {
                parsed.clear();
            }
            parsed.put(bucket, cached);
        }
        return Optional.of(cached.evaluator());
    }
}
