package io.stowage.cluster;

/** Whether a node on fresh Raft storage joins a running cluster or founds one with its peers. */
public enum Join {
    /** Join when a peer already has a committed log, found by asking them at start; found the cluster otherwise. */
    AUTO,
    /** Always join: wait to be added through the admin API. */
    ALWAYS,
    /** Never join: found the cluster with the peers listed (every founding node starts so). */
    NEVER;

    public static Join parse(String value) {
        return switch (value) {
            case "auto" -> AUTO;
            case "true" -> ALWAYS;
            case "false" -> NEVER;
            default -> throw new IllegalArgumentException("--join must be auto, true or false, was " + value);
        };
    }
}
