package io.stowage.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleCursorTest {

    @Test
    void roundTripsKeysOfAnyCharacters() {
        LifecycleCursor cursor = new LifecycleCursor(LifecycleCursor.Phase.VERSIONS, "a=b\nc%d ü/+", "id=1", 1234, 7);
        assertThat(LifecycleCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(LifecycleCursor.decode(LifecycleCursor.START.encode())).isEqualTo(LifecycleCursor.START);
        LifecycleCursor uploads = new LifecycleCursor(LifecycleCursor.Phase.UPLOADS, "k", null, 0, 0);
        assertThat(LifecycleCursor.decode(uploads.encode())).isEqualTo(uploads);
    }

    @Test
    void refusesTextItDidNotWrite() {
        assertThatThrownBy(() -> LifecycleCursor.decode("garbage")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleCursor.decode("phase=VERSIONS\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleCursor.decode("phase=SIDEWAYS\nnewerModified=0\nnewerNoncurrent=0\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsMustBePositive() {
        assertThatThrownBy(() -> new LifecycleSettings(Duration.ZERO, 1, Duration.ofDays(1)))
                .hasMessageContaining("--lifecycle-interval");
        assertThatThrownBy(() -> new LifecycleSettings(Duration.ofHours(1), 0, Duration.ofDays(1)))
                .hasMessageContaining("--lifecycle-batch");
        assertThatThrownBy(() -> new LifecycleSettings(Duration.ofHours(1), 1, Duration.ofMillis(500)))
                .hasMessageContaining("--lifecycle-day-seconds");
        assertThat(LifecycleSettings.DEFAULT.timing().dayMillis()).isEqualTo(Duration.ofDays(1).toMillis());
    }
}
