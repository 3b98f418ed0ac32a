package io.stowage.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 9002);

    @Test
    void defaultsToRefreshingBucketsEveryThirtySeconds() {
        MetricsConfig config = new MetricsConfig(LOOPBACK, MetricsConfig.DEFAULT_BUCKET_LIMIT);

        assertThat(config.bucketLimit()).isEqualTo(100);
        assertThat(config.bucketRefresh()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void acceptsZeroBucketsToTurnThePerBucketSeriesOff() {
        assertThat(new MetricsConfig(LOOPBACK, 0).bucketLimit()).isZero();
    }

    @Test
    void namesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> new MetricsConfig(null, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--metrics-address");
        assertThatThrownBy(() -> new MetricsConfig(LOOPBACK, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--metrics-bucket-limit (STOWAGE_METRICS_BUCKET_LIMIT) must be 0 to 10000, was -1");
        assertThatThrownBy(() -> new MetricsConfig(LOOPBACK, 10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--metrics-bucket-limit");
        assertThatThrownBy(() -> new MetricsConfig(LOOPBACK, 100, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refresh interval");
    }
}
