package io.stowage.admin.client;

/** A cluster node's part in its Raft group, as the admin API names it. */
public enum ClusterRole {
    LEADER, FOLLOWER, CANDIDATE, LISTENER
}
