package io.stowage.server.admin.json;

import java.util.List;

/** GET /admin/v1/cluster: this node's view of its Raft group. */
public record ClusterJson(String nodeId, String role, String leader, long term, long appliedIndex, List<MemberJson> members) {
}
