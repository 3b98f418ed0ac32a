package io.stowage.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopBucketsTest {

    @Test
    void keepsTheLargestByBytesAndSumsTheRestAsOther() {
        List<BucketUsage> all = List.of(
                usage("small", 10, 1), usage("huge", 1000, 2), usage("medium", 100, 30), usage("tiny", 1, 40));

        assertThat(TopBuckets.select(all, 2)).containsExactly(
                usage("huge", 1000, 2), usage("medium", 100, 30), usage(TopBuckets.OTHER, 11, 41));
    }

    @Test
    void reportsEveryBucketAndNoOtherWhenWithinTheLimit() {
        List<BucketUsage> all = List.of(usage("a", 5, 1), usage("b", 7, 1));

        assertThat(TopBuckets.select(all, 2)).containsExactly(usage("b", 7, 1), usage("a", 5, 1));
        assertThat(TopBuckets.select(List.of(), 2)).isEmpty();
    }

    @Test
    void breaksTiesByName() {
        List<BucketUsage> all = List.of(usage("c", 5, 1), usage("a", 5, 1), usage("b", 5, 1));

        assertThat(TopBuckets.select(all, 2)).containsExactly(usage("a", 5, 1), usage("b", 5, 1),
                usage(TopBuckets.OTHER, 5, 1));
    }

    private static BucketUsage usage(String bucket, long bytes, long objects) {
        return new BucketUsage(bucket, new Usage(bytes, objects));
    }
}
