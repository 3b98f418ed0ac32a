package io.stowage.cluster;

/** What a read on a cluster node waits for before it reads the node's own copy. */
public enum ReadConsistency {
    /** A Raft read index: the read sees every write acknowledged before it started, on any node. */
    LINEARIZABLE,
    /** No wait: the node's copy as of now, possibly behind the leader by the writes it has not applied yet. */
    LOCAL
}
