package io.stowage.cluster;

import java.util.List;

/**
 * What a node knows of its group.
 *
 * @param role LEADER, FOLLOWER, CANDIDATE or LISTENER
 * @param leader the leader's id, or null while there is none
 * @param appliedIndex the last log index this node has applied
 * @param members the current configuration
 */
public record ClusterStatus(String nodeId, String role, String leader, long term, long appliedIndex, List<Member> members) {

    public ClusterStatus {
        members = List.copyOf(members);
    }

    /** A member and its Raft address. */
    public record Member(String id, String address) {
    }
}
