package io.stowage.probes;

/**
 * Whether a process should be sent traffic: not while it starts, yes once it serves (the server: every
 * listener over an open store), and never again once it starts shutting down. {@link State#NO_QUORUM} is
 * not kept here: a serving cluster node reports it while it cannot reach a majority.
 */
public final class Readiness {

    public enum State {
        STARTING, READY, NO_QUORUM, DRAINING
    }

    private volatile State state = State.STARTING;

    public State state() {
        return state;
    }

    /** Does nothing once draining: a server that started closing never becomes ready again. */
    public synchronized void markReady() {
        if (state == State.STARTING) {
            state = State.READY;
        }
    }

    public synchronized void markDraining() {
        state = State.DRAINING;
    }
}
