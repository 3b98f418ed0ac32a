package io.stowage.kube.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.admin.client.AdminJson;
import io.stowage.admin.client.ClusterMember;
import io.stowage.admin.client.ClusterRole;
import io.stowage.admin.client.ClusterStatus;
import io.stowage.admin.client.StubAdminServer;
import io.stowage.admin.client.StubAdminServer.Reply;
import io.stowage.admin.client.StubAdminServer.Seen;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster's Raft group as the admin APIs of its pods show it, on one {@link StubAdminServer} per pod.
 * Each pod answers {@code GET /admin/v1/cluster} for itself: the leader as LEADER, the other members as
 * followers naming it, a pod that is no member as a candidate that knows no leader. Only the leader
 * takes member changes (a follower here answers 500, so that a change sent elsewhere fails the test),
 * and applies them as the server does: idempotent, 409 for a member at another address, and a removed
 * leader hands over to the lowest member left. A pod that does not run is unreachable.
 *
 * <p>Nothing here speaks Raft: it shows what the operator asks and in which order, not that a real group
 * would follow.
 */
final class FakeRaftGroup implements AutoCloseable {

    /** Where a pod that does not run is: nothing listens on port 1. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:1");
    private static final String CLUSTER = "/admin/v1/cluster";
    private static final String MEMBERS = CLUSTER + "/members";

    private final ObjectStoreNames names;
    private final List<StubAdminServer> pods = new ArrayList<>();
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private String leader;
    private boolean unavailable;

    /** A group of pods 0 to MEMBERS-1, led by pod LEADER; no pod runs yet. */
    FakeRaftGroup(ObjectStoreNames names, int members, int leader) throws IOException {
        this.names = names;
        for (int ordinal = 0; ordinal < SpecValidator.MAX_REPLICAS; ordinal++) {
            pods.add(stub(ordinal));
        }
        for (int ordinal = 0; ordinal < members; ordinal++) {
            this.members.put(names.podName(ordinal), names.raftAddress(ordinal));
        }
        this.leader = names.podName(leader);
    }

    /** The pods' admin APIs as the operator should reach them: {@link AdminEndpoints} for the operator under test. */
    URI endpoint(String host) {
        for (int ordinal = 0; ordinal < pods.size(); ordinal++) {
            if (host.equals(names.podHost(ordinal)) && running.contains(ordinal)) {
                return pods.get(ordinal).endpoint();
            }
        }
        return NOWHERE;
    }

    void run(int... ordinals) {
        for (int ordinal : ordinals) {
            running.add(ordinal);
        }
    }

    /** Whether every pod answers 503, as nodes that lost their quorum do. */
    synchronized void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    synchronized List<String> memberIds() {
        return List.copyOf(members.keySet());
    }

    /** Every change the leader applied, in order: "add ID at ADDRESS by LEADER" or "remove ID by LEADER". */
    List<String> changes() {
        return List.copyOf(changes);
    }

    /** How many change requests (POST, DELETE) any pod got, applied or not. */
    long changeRequests() {
        return pods.stream().flatMap(pod -> pod.requests().stream()).filter(r -> !r.method().equals("GET")).count();
    }

    @Override
    public void close() {
        pods.forEach(StubAdminServer::close);
    }

    private StubAdminServer stub(int ordinal) throws IOException {
        String self = names.podName(ordinal);
        StubAdminServer stub = new StubAdminServer()
                .answer("GET " + CLUSTER, request -> status(self))
                .answer("POST " + MEMBERS, request -> add(self, request));
        for (int other = 0; other < SpecValidator.MAX_REPLICAS; other++) {
            String id = names.podName(other);
            stub.answer("DELETE " + MEMBERS + "/" + id, request -> remove(self, id));
        }
        return stub;
    }

    private synchronized Reply status(String self) {
        if (unavailable) {
            return error(503, "ServiceUnavailable", "no quorum");
        }
        if (!members.containsKey(self)) {
            return json(new ClusterStatus(self, ClusterRole.CANDIDATE, null, 1, 0, List.of(new ClusterMember(self, "?"))));
        }
        List<ClusterMember> list = members.entrySet().stream().map(e -> new ClusterMember(e.getKey(), e.getValue())).toList();
        ClusterRole role = self.equals(leader) ? ClusterRole.LEADER : ClusterRole.FOLLOWER;
        return json(new ClusterStatus(self, role, leader, 1, changes.size(), list));
    }

    private synchronized Reply add(String self, Seen request) {
        if (unavailable || !self.equals(leader)) {
            return unavailable ? error(503, "ServiceUnavailable", "no quorum") : error(500, "InternalError", "not the leader");
        }
        ClusterMember member;
        try {
            member = json.readValue(request.body(), ClusterMember.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String known = members.get(member.id());
        if (known != null && !known.equals(member.address())) {
            return error(409, "Conflict", member.id() + " is a member at " + known);
        }
        if (known == null) {
            members.put(member.id(), member.address());
            changes.add("add " + member.id() + " at " + member.address() + " by " + self);
        }
        return status(self);
    }

    private synchronized Reply remove(String self, String id) {
        if (unavailable || !self.equals(leader)) {
            return unavailable ? error(503, "ServiceUnavailable", "no quorum") : error(500, "InternalError", "not the leader");
        }
        if (members.remove(id) != null) {
            changes.add("remove " + id + " by " + self);
            if (id.equals(leader)) {
                leader = members.keySet().iterator().next();
            }
        }
        return new Reply(204, "", 0);
    }

    private static Reply json(ClusterStatus status) {
        return new Reply(200, AdminJson.toPrettyJson(status), 0);
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}", 0);
    }
}
