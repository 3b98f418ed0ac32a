package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The server container's environment. A single server gets only the admin token: any cluster setting
 * would make it a cluster node. The pods of a cluster also get their node id (the pod's name), their
 * Raft address and every member's, all through the headless Service's stable names so that each pod
 * knows the whole group when it starts, and the root key pair that every node must share.
 */
public final class ServerEnvironment {

    public static final String ADMIN_TOKEN = "STOWAGE_ADMIN_TOKEN";
    public static final String NODE_ID = "STOWAGE_NODE_ID";
    public static final String RAFT_ADDRESS = "STOWAGE_RAFT_ADDRESS";
    public static final String PEERS = "STOWAGE_PEERS";
    public static final String ROOT_ACCESS_KEY = "STOWAGE_ROOT_ACCESS_KEY";
    public static final String ROOT_SECRET_KEY = "STOWAGE_ROOT_SECRET_KEY";
    public static final String INSECURE_PEERS = "STOWAGE_INSECURE_PEERS";

    private ServerEnvironment() {
    }

    public static List<EnvVar> of(ObjectStoreNames names, EffectiveSpec spec) {
        List<EnvVar> env = new ArrayList<>(List.of(
                fromSecret(ADMIN_TOKEN, spec.adminTokenSecret(), AdminTokenSecretModel.KEY)));
        if (!spec.clustered()) {
            return List.copyOf(env);
        }
        env.add(new EnvVarBuilder().withName(NODE_ID)
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom()
                .build());
        // The kubelet expands $(NAME) from variables earlier in the list: each pod gets its own host.
        env.add(new EnvVar(RAFT_ADDRESS, "$(" + NODE_ID + ")." + names.podDomain() + ":" + Ports.RAFT, null));
        env.add(new EnvVar(PEERS, peers(names, spec.replicas()), null));
        env.add(fromSecret(ROOT_ACCESS_KEY, names.rootCredentialsSecret(), RootCredentialsSecretModel.ACCESS_KEY));
        env.add(fromSecret(ROOT_SECRET_KEY, names.rootCredentialsSecret(), RootCredentialsSecretModel.SECRET_KEY));
        if (!spec.tls()) {
            env.add(new EnvVar(INSECURE_PEERS, "true", null));
        }
        return List.copyOf(env);
    }

    /** ID=HOST:PORT of every pod, the pod itself included (the server accepts that). */
    private static String peers(ObjectStoreNames names, int replicas) {
        return IntStream.range(0, replicas).mapToObj(i -> names.podName(i) + "=" + names.raftAddress(i))
                .collect(Collectors.joining(","));
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef(key, secret, false).endValueFrom()
                .build();
    }
}
