package io.stowage.s3.lifecycle;

import java.time.Duration;

/**
 * When a lifecycle rule's days run out. As on AWS, N days after an instant is the first midnight UTC after that
 * instant plus N days: an object written on 15 January at 10:30 with a 3-day expiration expires on 19 January at 00:00.
 * The day may be shortened for tests and demonstrations; "midnight" then means the next multiple of the day since the
 * epoch.
 */
public record LifecycleTiming(long dayMillis) {

    public static final LifecycleTiming AWS = new LifecycleTiming(Duration.ofDays(1).toMillis());

    public LifecycleTiming {
        if (dayMillis <= 0) {
            throw new IllegalArgumentException("a lifecycle day must be positive, was " + dayMillis + " ms");
        }
    }

    public static LifecycleTiming ofDay(Duration day) {
        return new LifecycleTiming(day.toMillis());
    }

    /** The first "midnight" strictly after {@code startMillis} plus {@code days} days. */
    public long after(long startMillis, int days) {
        long end = startMillis + days * dayMillis;
        return (Math.floorDiv(end, dayMillis) + 1) * dayMillis;
    }
}
