package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * A single server and a cluster keep their data differently: a single server's is in no Raft log. So
 * once the StatefulSet exists, one replica cannot become several in place, nor several one: such a
 * change of spec.replicas is refused as an invalid spec.
 */
public final class TopologyChange {

    private TopologyChange() {
    }

    /**
     * @param existing the StatefulSet as it is, or null before it is created
     */
    public static void check(StatefulSet existing, EffectiveSpec spec) throws InvalidSpecException {
        if (existing == null) {
            return;
        }
        boolean cluster = runsCluster(existing);
        if (cluster && !spec.clustered()) {
            throw new InvalidSpecException("spec.replicas: a cluster cannot become a single server in place (its"
                    + " data is kept through its Raft log); it runs 2 replicas at least");
        }
        if (!cluster && spec.clustered()) {
            throw new InvalidSpecException("spec.replicas: a single server cannot become a cluster in place (its"
                    + " data is in no Raft log); create another ObjectStore with the replicas wanted and copy the"
                    + " data over");
        }
    }

    /** Whether the StatefulSet's servers are cluster nodes: they have a Raft address. */
    static boolean runsCluster(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> StatefulSetModel.CONTAINER.equals(c.getName()))
                .flatMap(c -> c.getEnv().stream())
                .anyMatch(e -> ServerEnvironment.RAFT_ADDRESS.equals(e.getName()));
    }
}
