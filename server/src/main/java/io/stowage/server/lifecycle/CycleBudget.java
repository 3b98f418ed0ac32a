package io.stowage.server.lifecycle;

import java.util.function.BooleanSupplier;

/** How many more versions and uploads a cycle may examine, and whether shutdown asks it to stop now. */
final class CycleBudget {

    private final BooleanSupplier stopping;
    private int remaining;

    CycleBudget(int size, BooleanSupplier stopping) {
        this.remaining = size;
        this.stopping = stopping;
    }

    boolean spent() {
        return remaining <= 0 || stopping.getAsBoolean();
    }

    /** A listing page no longer than what is left. */
    int pageSize(int max) {
        return Math.max(1, Math.min(max, remaining));
    }

    void take() {
        remaining--;
    }
}
