package io.stowage.server.lifecycle;

import io.stowage.s3.lifecycle.LifecycleTiming;
import java.time.Duration;

/**
 * How the lifecycle worker runs.
 *
 * @param interval the pause between two cycles
 * @param batch the most versions and uploads one cycle examines; the next cycle goes on from there
 * @param day how long a lifecycle "day" lasts: a day, except to watch rules act quickly in tests and demonstrations
 */
public record LifecycleSettings(Duration interval, int batch, Duration day) {

    public static final int DEFAULT_BATCH = 10_000;
    public static final LifecycleSettings DEFAULT = new LifecycleSettings(Duration.ofHours(1), DEFAULT_BATCH, Duration.ofDays(1));

    public LifecycleSettings {
        if (interval == null || interval.toMillis() <= 0) {
            throw new IllegalArgumentException("--lifecycle-interval must be a positive duration");
        }
        if (batch <= 0) {
            throw new IllegalArgumentException("--lifecycle-batch must be a positive number of versions, was " + batch);
        }
        if (day == null || day.toSeconds() <= 0) {
            throw new IllegalArgumentException("--lifecycle-day-seconds must be a positive number of seconds");
        }
    }

    public LifecycleTiming timing() {
        return LifecycleTiming.ofDay(day);
    }
}
