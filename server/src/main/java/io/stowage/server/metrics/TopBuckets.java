package io.stowage.server.metrics;

import io.stowage.engine.model.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the number of per-bucket series bounded: the {@code limit} largest buckets by bytes keep
 * their name, all others are summed under {@link #OTHER}, which no bucket can be called.
 */
final class TopBuckets {

    static final String OTHER = "_other";

    private static final Comparator<BucketUsage> LARGEST_FIRST = Comparator
            .comparingLong((BucketUsage b) -> b.usage().bytes()).reversed()
            .thenComparing(BucketUsage::bucket);

    private TopBuckets() {
    }

    /** The series to report: the largest buckets, then {@link #OTHER} when any bucket was left out. */
    static List<BucketUsage> select(List<BucketUsage> buckets, int limit) {
        List<BucketUsage> sorted = buckets.stream().sorted(LARGEST_FIRST).toList();
        if (sorted.size() <= limit) {
            return sorted;
        }
        List<BucketUsage> selected = new ArrayList<>(sorted.subList(0, limit));
        Usage rest = sorted.subList(limit, sorted.size()).stream()
                .map(BucketUsage::usage)
                .reduce(Usage.ZERO, Usage::plus);
        selected.add(new BucketUsage(OTHER, rest));
        return selected;
    }
}
