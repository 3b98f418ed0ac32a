package io.stowage.server.it;

import static io.stowage.server.it.LifecycleServers.await;
import static io.stowage.server.it.LifecycleServers.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.engine.model.BucketConfigKind;
import io.stowage.engine.store.RocksEngine;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleCursor;
import io.stowage.server.lifecycle.LifecycleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lifecycle worker across restarts. With a batch of 5 and an interval of an hour, each start of the server runs
 * exactly one cycle of 5 versions; the bucket holds 5 versions no rule matches, then 10 due ones. Each restart must
 * go on from the cursor the last cycle left, so the 15 versions are examined once each and the 10 due ones expired
 * once each.
 */
class LifecycleRestartIT {

    private static final LifecycleSettings ONE_SMALL_CYCLE_PER_START =
            new LifecycleSettings(Duration.ofHours(1), 5, Duration.ofSeconds(1));
    private static final String CYCLES = "stowage_lifecycle_cycles_total";
    private static final String EXAMINED = "stowage_lifecycle_examined_total";
    private static final String EXPIRED = "stowage_lifecycle_expired_total{kind=\"current\"}";
    private static final Pattern EXPIRY_DATE = Pattern.compile("expiry-date=\"([^\"]+)\"");

    @TempDir
    Path data;

    /** What one start of the server did before it was stopped. */
    private record Run(double examined, double expired, List<String> keys) {
    }

    @Test
    void aRestartedServerGoesOnWhereTheLastCycleStopped() throws Exception {
        ServerConfig config = StowageServerExtension.config(data, ONE_SMALL_CYCLE_PER_START);
        String bucket = TestData.bucketName("lc-restart");
        Instant lastExpiry;
        try (StowageServer server = StowageServer.start(config); S3Client s3 = LifecycleServers.client(server)) {
            await("the cycle of the start, before the bucket exists", () -> counter(server, CYCLES), 1.0);
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 5; i++) {
                String key = "a-keep/" + i;
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            }
            s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(LifecycleRule.builder()
                    .id("exp").filter(LifecycleRuleFilter.builder().prefix("b-exp/").build()).status(ExpirationStatus.ENABLED)
                    .expiration(LifecycleExpiration.builder().days(1).build()).build())));
            String header = null;
            for (int i = 0; i < 10; i++) {
                String key = "b-exp/" + i;
                header = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key)).expiration();
            }
            lastExpiry = expiryDate(header);
        }
        LifecycleServers.awaitPast(lastExpiry);

        Run first = runOnce(config, bucket);
        assertThat(first.examined()).isEqualTo(5);
        assertThat(first.expired()).isZero();
        assertThat(first.keys()).hasSize(15);
        assertThat(cursor(config, bucket)).map(LifecycleCursor::keyMarker).contains("a-keep/4");

        Run second = runOnce(config, bucket);
        assertThat(second.examined()).isEqualTo(5);
        assertThat(second.expired()).as("had it started over, it would have examined a-keep/* again").isEqualTo(5);
        assertThat(second.keys()).containsExactly("a-keep/0", "a-keep/1", "a-keep/2", "a-keep/3", "a-keep/4",
                "b-exp/5", "b-exp/6", "b-exp/7", "b-exp/8", "b-exp/9");
        assertThat(cursor(config, bucket)).map(LifecycleCursor::keyMarker).contains("b-exp/4");

        Run third = runOnce(config, bucket);
        assertThat(third.examined()).isEqualTo(5);
        assertThat(third.expired()).isEqualTo(5);
        assertThat(third.keys()).containsExactly("a-keep/0", "a-keep/1", "a-keep/2", "a-keep/3", "a-keep/4");
        assertThat(cursor(config, bucket)).as("the pass is complete").isEmpty();
    }

    /** Starts the server, lets the cycle of its start run, and stops it. */
    private static Run runOnce(ServerConfig config, String bucket) throws Exception {
        try (StowageServer server = StowageServer.start(config); S3Client s3 = LifecycleServers.client(server)) {
            await("the cycle of the start", () -> counter(server, CYCLES), 1.0);
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach((S3Object o) -> keys.add(o.key()));
            return new Run(counter(server, EXAMINED), counter(server, EXPIRED), keys);
        }
    }

    /** The cursor the last cycle left in the bucket, read from the store while no server runs. */
    private static Optional<LifecycleCursor> cursor(ServerConfig config, String bucket) {
        try (RocksEngine engine = RocksEngine.open(config.engine())) {
            return engine.bucketConfig(bucket, BucketConfigKind.LIFECYCLE_CURSOR).map(LifecycleCursor::decode);
        }
    }

    private static Instant expiryDate(String expirationHeader) {
        Matcher matcher = EXPIRY_DATE.matcher(expirationHeader);
        assertThat(matcher.find()).as(expirationHeader).isTrue();
        return ZonedDateTime.parse(matcher.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
