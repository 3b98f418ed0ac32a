package io.stowage.kube.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.ClusterMember;
import io.stowage.admin.client.ClusterStatus;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.model.AdminTokenSecretModel;
import io.stowage.kube.model.EffectiveSpec;
import io.stowage.kube.model.Membership;
import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.model.TlsMount;
import io.stowage.kube.model.TlsSecretModels;
import io.stowage.kube.provision.KubeEvents;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster's Raft members the pods 0 to replicas-1 through the admin API of the group's leader:
 * first it removes the members of higher ordinals, highest first, then adds each missing pod once it is
 * ready, lowest first. Every step asks the group again, and the admin calls are idempotent, so a
 * reconcile that repeats the work after a crash changes nothing twice.
 *
 * <p>The pods are asked on their own names through the headless Service, never through the client
 * Service: that may route to a pod that has not joined yet, which would answer for the group its peers
 * list, as if it were a member.
 */
final class ClusterMembership {

    private static final String MEMBER_ADDED = "MemberAdded";
    private static final String MEMBER_REMOVED = "MemberRemoved";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

    private final KubernetesClient client;
    private final AdminEndpoints endpoints;
    private final KubeEvents events;

    ClusterMembership(KubernetesClient client, AdminEndpoints endpoints, KubeEvents events) {
        this.client = client;
        this.endpoints = endpoints;
        this.events = events;
    }

    /**
     * One change at a time, each through the leader found anew: removing the leader hands the lead over.
     *
     * @param statefulSet the StatefulSet as it is: its pods are asked for the leader, lowest first
     * @return the group as its leader last answered. IN_SYNC or CHANGING only once no member above the
     *     spec's replicas is left: removals come before any wait
     */
    Membership sync(ObjectStore store, EffectiveSpec spec, TlsMount tls, StatefulSet statefulSet) {
        if (statefulSet.getStatus() == null || Objects.requireNonNullElse(statefulSet.getStatus().getReadyReplicas(), 0) == 0) {
            return Membership.unknown();
        }
        ObjectStoreNames names = ObjectStoreNames.of(store);
        try (PodAdmins admins = admins(names, spec, tls)) {
            return converge(store, names, spec.replicas(), statefulSet.getSpec().getReplicas(), admins);
        }
    }

    /** Whether the members above the spec's replicas are gone, so that the StatefulSet may drop their pods. */
    static boolean leftGroup(Membership membership) {
        return membership.phase() == Membership.Phase.IN_SYNC || membership.phase() == Membership.Phase.CHANGING;
    }

    private Membership converge(ObjectStore store, ObjectStoreNames names, int replicas, int pods, PodAdmins admins) {
        Set<String> changed = new HashSet<>();
        List<String> known = null;
        try {
            while (true) {
                Leader leader = leader(names, pods, admins);
                ClusterStatus group = leader.status();
                known = group.memberIds();
                Optional<String> leaving = known.stream().filter(id -> names.ordinalOf(id) >= replicas)
                        .max(Comparator.comparingInt(names::ordinalOf));
                if (leaving.isPresent()) {
                    String id = leaving.get();
                    if (!changed.add(id)) {
                        return Membership.failed(known, id + " is still a member after its removal");
                    }
                    try {
                        leader.admin().removeClusterMember(id);
                    } catch (AdminApiException e) {
                        return Membership.failed(known, "removing " + id + " failed: " + e.getMessage());
                    }
                    recordChange(store, MEMBER_REMOVED, id + " left the Raft group (removed through " + group.nodeId() + ")");
                    continue;
                }
                Optional<Integer> joining = IntStream.range(0, replicas).boxed()
                        .filter(i -> !group.hasMember(names.podName(i))).findFirst();
                if (joining.isEmpty()) {
                    return Membership.inSync(known);
                }
                String pod = names.podName(joining.get());
                if (!changed.add(pod)) {
                    return Membership.failed(known, pod + " is still no member after it was added");
                }
                if (!ready(names.namespace(), pod)) {
                    return Membership.changing(known, pod + " joins the Raft group once it is ready");
                }
                try {
                    leader.admin().addClusterMember(pod, names.raftAddress(joining.get()));
                } catch (AdminApiException e) {
                    return Membership.failed(known, "adding " + pod + " failed: " + e.getMessage());
                }
                recordChange(store, MEMBER_ADDED, pod + " joined the Raft group (added through " + group.nodeId() + ")");
            }
        } catch (NoLeaderException e) {
            return Membership.failed(known, "no leader of the Raft group answered: " + e.getMessage());
        }
    }

    /** The leader, found by asking the pods in turn: a follower names it, and the leader is asked again. */
    private static Leader leader(ObjectStoreNames names, int pods, PodAdmins admins) throws NoLeaderException {
        String problem = "no pod was asked";
        for (int ordinal = 0; ordinal < pods; ordinal++) {
            try {
                AdminClient admin = admins.of(names.podHost(ordinal));
                ClusterStatus status = admin.clusterStatus();
                if (status.answeredByLeader()) {
                    return new Leader(admin, status);
                }
                Optional<ClusterMember> named = status.leaderMember();
                if (named.isEmpty()) {
                    problem = status.nodeId() + " knows no leader (an election is running)";
                    continue;
                }
                AdminClient leaderAdmin = admins.of(named.get().host());
                ClusterStatus leaderStatus = leaderAdmin.clusterStatus();
                if (leaderStatus.answeredByLeader()) {
                    return new Leader(leaderAdmin, leaderStatus);
                }
                problem = named.get().id() + " no longer leads";
            } catch (AdminApiException e) {
                problem = e.getMessage();
            }
        }
        throw new NoLeaderException(problem);
    }

    private boolean ready(String namespace, String pod) {
        Pod found = client.pods().inNamespace(namespace).withName(pod).get();
        return found != null && found.getMetadata().getDeletionTimestamp() == null && found.getStatus() != null
                && found.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The token and the CA were checked earlier in the reconcile; a CA cert-manager has not written yet is none. */
    private PodAdmins admins(ObjectStoreNames names, EffectiveSpec spec, TlsMount tls) {
        Secret tokenSecret = secret(names.namespace(), spec.adminTokenSecret());
        String token = tokenSecret == null ? null : SecretData.decode(tokenSecret, AdminTokenSecretModel.KEY);
        String ca = null;
        if (tls != null && tls.caBundle()) {
            Secret certificate = secret(names.namespace(), tls.secretName());
            ca = certificate == null ? null : SecretData.decode(certificate, TlsSecretModels.CA_CERT);
        }
        return new PodAdmins(endpoints, token, tls != null, ca == null ? null : ca.getBytes(StandardCharsets.UTF_8));
    }

    private Secret secret(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private void recordChange(ObjectStore store, String reason, String message) {
        LOG.info("ObjectStore {}/{}: {}", store.getMetadata().getNamespace(), store.getMetadata().getName(), message);
        events.normal(store, reason, message);
    }

    private record Leader(AdminClient admin, ClusterStatus status) {
    }

    private static final class NoLeaderException extends Exception {

        NoLeaderException(String message) {
            super(message);
        }
    }
}
