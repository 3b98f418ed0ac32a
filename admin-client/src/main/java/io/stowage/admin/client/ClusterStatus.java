package io.stowage.admin.client;

import java.util.List;
import java.util.Optional;

/**
 * One cluster node's view of its Raft group.
 *
 * @param nodeId the node that answered
 * @param leader the leader's node id, or null during an election
 * @param appliedIndex the last Raft log index the answering node has applied
 * @param members the group's configuration as the answering node knows it
 */
public record ClusterStatus(String nodeId, ClusterRole role, String leader, long term, long appliedIndex,
                            List<ClusterMember> members) {

    public ClusterStatus {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** Whether the node that answered leads the group: then its members are the group's latest configuration. */
    public boolean answeredByLeader() {
        return role == ClusterRole.LEADER;
    }

    public boolean hasMember(String id) {
        return member(id).isPresent();
    }

    public Optional<ClusterMember> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The leader as a member, or empty during an election (or when the leader is not in this node's configuration). */
    public Optional<ClusterMember> leaderMember() {
        return leader == null ? Optional.empty() : member(leader);
    }

    public List<String> memberIds() {
        return members.stream().map(ClusterMember::id).toList();
    }
}
