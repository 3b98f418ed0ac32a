package io.stowage.backend.s3;

import java.util.Objects;

/**
 * An object-lock bucket's default retention: what a version written without a retention of its own gets, counted from
 * when it is written.
 *
 * @param days the period in days, or 0 when it is given in years
 * @param years the period in years, or 0 when it is given in days
 */
public record DefaultRetention(Mode mode, int days, int years) {

    /** GOVERNANCE: callers allowed to bypass it may shorten or remove it; COMPLIANCE: nobody can. */
    public enum Mode {
        GOVERNANCE, COMPLIANCE
    }

    public DefaultRetention {
        Objects.requireNonNull(mode, "mode");
        if (days < 0 || years < 0 || (days > 0) == (years > 0)) {
            throw new IllegalArgumentException("a default retention has days or years, exactly one of them positive");
        }
    }

    @Override
    public String toString() {
        return mode + " " + (days > 0 ? days + " days" : years + " years");
    }
}
