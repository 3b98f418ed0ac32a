package io.stowage.kube.model;

import java.util.List;

/**
 * What the operator found of a cluster's Raft group in a reconcile, and did to it.
 *
 * @param members the group's members as its leader reported them last, or null when none answered
 * @param message what is awaited or failed; empty otherwise
 */
public record Membership(Phase phase, List<String> members, String message) {

    public enum Phase {
        /** Not asked: no pod is ready to answer yet. */
        UNKNOWN,
        /** The members are the pods the spec asks for. */
        IN_SYNC,
        /** Members were added or removed, or a pod must become ready before it joins. */
        CHANGING,
        /** No leader answered, or it refused a change. */
        FAILED
    }

    public Membership {
        members = members == null ? null : List.copyOf(members);
    }

    public static Membership unknown() {
        return new Membership(Phase.UNKNOWN, null, "");
    }

    public static Membership inSync(List<String> members) {
        return new Membership(Phase.IN_SYNC, members, "");
    }

    public static Membership changing(List<String> members, String message) {
        return new Membership(Phase.CHANGING, members, message);
    }

    public static Membership failed(List<String> members, String message) {
        return new Membership(Phase.FAILED, members, message);
    }

    /** Whether the group still needs the operator: it checks again soon. */
    public boolean unsettled() {
        return phase == Phase.CHANGING || phase == Phase.FAILED;
    }
}
