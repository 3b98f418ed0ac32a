package io.stowage.engine.model;

/**
 * The write-once protection of one object version: a retention (mode and the instant it ends) and a legal hold.
 *
 * @param mode null when the version has no retention
 * @param retainUntilMillis when the retention ends; 0 without a retention
 * @param legalHoldSet whether a legal hold status was ever given (ON, or OFF once removed): S3 answers OFF then, and
 *     no legal hold configuration for a version never given one
 */
public record ObjectLock(RetentionMode mode, long retainUntilMillis, boolean legalHold, boolean legalHoldSet) {

    public static final ObjectLock NONE = new ObjectLock(null, 0, false, false);

    public ObjectLock {
        if (mode == null && retainUntilMillis != 0) {
            throw new IllegalArgumentException("a retain-until date needs a retention mode");
        }
        legalHoldSet = legalHoldSet || legalHold;
    }

    /** A lock whose legal hold status was given only when it is on. */
    public ObjectLock(RetentionMode mode, long retainUntilMillis, boolean legalHold) {
        this(mode, retainUntilMillis, legalHold, legalHold);
    }

    /** Whether a retention is still running at {@code nowMillis}. */
    public boolean retainedAt(long nowMillis) {
        return mode != null && retainUntilMillis > nowMillis;
    }

    /** Whether the version may not be deleted at {@code nowMillis} by a caller who does (or not) bypass governance. */
    public boolean blocksDeletion(long nowMillis, boolean bypassGovernance) {
        return legalHold || retainedAt(nowMillis) && (mode == RetentionMode.COMPLIANCE || !bypassGovernance);
    }

    /**
     * Whether replacing this running retention by {@code mode}/{@code untilMillis} needs more than the right to set
     * retention: a shorter date, no retention, or another mode (as S3 has it, even GOVERNANCE turned into COMPLIANCE).
     * Only extending the date in the same mode is free.
     */
    public boolean weakenedBy(RetentionMode newMode, long newUntilMillis, long nowMillis) {
        if (!retainedAt(nowMillis)) {
            return false;
        }
        return newMode != mode || newUntilMillis < retainUntilMillis;
    }

    public ObjectLock withRetention(RetentionMode newMode, long newUntilMillis) {
        return new ObjectLock(newMode, newMode == null ? 0 : newUntilMillis, legalHold, legalHoldSet);
    }

    public ObjectLock withLegalHold(boolean on) {
        return new ObjectLock(mode, retainUntilMillis, on, true);
    }
}
