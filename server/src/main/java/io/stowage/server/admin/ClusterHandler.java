package io.stowage.server.admin;

import io.stowage.cluster.ClusterStatus;
import io.stowage.cluster.ReplicatedEngine;
import io.stowage.engine.Engine;
import io.stowage.server.admin.json.ClusterJson;
import io.stowage.server.admin.json.MemberJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Raft group of a cluster node: /admin/v1/cluster and its members. A single node has none. */
final class ClusterHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHandler.class);

    private final ReplicatedEngine cluster;

    ClusterHandler(Engine engine) {
        this.cluster = engine instanceof ReplicatedEngine replicated ? replicated : null;
    }

    AdminResponse status() {
        ClusterStatus status = node().status();
        return AdminResponse.json(200, new ClusterJson(status.nodeId(), status.role(), status.leader(), status.term(),
                status.appliedIndex(), status.members().stream().map(m -> new MemberJson(m.id(), m.address())).toList()));
    }

    AdminResponse addMember(byte[] body) {
        MemberJson member = AdminJson.read(body, MemberJson.class);
        String id = RequestChecks.required(member.id(), "id");
        String address = RequestChecks.required(member.address(), "address");
        try {
            node().addMember(id, address);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
        LOG.info("Cluster member {} at {} added", id, address);
        return status();
    }

    AdminResponse removeMember(String id) {
        node().removeMember(id);
        LOG.info("Cluster member {} removed", id);
        return AdminResponse.noContent();
    }

    private ReplicatedEngine node() {
        if (cluster == null) {
            throw AdminException.notFound("this server is a single node, not a member of a cluster");
        }
        return cluster;
    }
}
