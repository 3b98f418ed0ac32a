package io.stowage.kube.model;

import io.stowage.kube.crd.ObjectStore;
import java.util.ArrayList;
import java.util.List;

/** The names of everything an ObjectStore owns, and the DNS names its Services give it. */
public record ObjectStoreNames(String name, String namespace) {

    public static ObjectStoreNames of(ObjectStore store) {
        return new ObjectStoreNames(store.getMetadata().getName(), store.getMetadata().getNamespace());
    }

    public String statefulSet() {
        return name;
    }

    public String clientService() {
        return name;
    }

    public String headlessService() {
        return name + "-headless";
    }

    public String podDisruptionBudget() {
        return name;
    }

    public String serviceMonitor() {
        return name;
    }

    public String certificate() {
        return name;
    }

    /** The CA of the operator TLS mode: its certificate and signing key. */
    public String caSecret() {
        return name + "-ca";
    }

    /** The admin token Secret: NAMED, or NAME-admin-token when the spec names none. */
    public String adminTokenSecret(String named) {
        return named == null || named.isBlank() ? name + "-admin-token" : named;
    }

    /** The certificate Secret the operator (or cert-manager) writes. */
    public String tlsSecret() {
        return name + "-tls";
    }

    /** The key of the admin user the operator's GitOps resources set bucket configurations with. */
    public String gitopsCredentialsSecret() {
        return name + "-gitops-credentials";
    }

    /** The root user's key pair of a cluster, which every pod must share. */
    public String rootCredentialsSecret() {
        return name + "-root-credentials";
    }

    /** The names a server certificate must cover: every Service name, each pod's, and the bucket domain. */
    public List<String> certificateDnsNames(String domain) {
        String svc = name + "." + namespace + ".svc";
        String pods = podDomain();
        List<String> names = new ArrayList<>(List.of(name, name + "." + namespace, svc, svc + ".cluster.local",
                "*." + pods, "*." + pods + ".cluster.local"));
        if (domain != null && !domain.isBlank()) {
            names.add(domain);
            names.add("*." + domain);
        }
        return List.copyOf(names);
    }

    /** Pod ORDINAL's name, which is also its node id in a cluster. */
    public String podName(int ordinal) {
        return statefulSet() + "-" + ordinal;
    }

    /** The ordinal of the pod named POD, or -1 when it is not a pod of the StatefulSet. */
    public int ordinalOf(String pod) {
        String prefix = statefulSet() + "-";
        if (!pod.startsWith(prefix) || !pod.substring(prefix.length()).matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(pod.substring(prefix.length()));
    }

    /** The domain of the pods' stable DNS names: the headless Service's. */
    public String podDomain() {
        return headlessService() + "." + namespace + ".svc";
    }

    /** The stable DNS name of pod ORDINAL through the headless Service. */
    public String podHost(int ordinal) {
        return podName(ordinal) + "." + podDomain();
    }

    /** Pod ORDINAL's Raft address as the group's configuration and the other pods' peers name it. */
    public String raftAddress(int ordinal) {
        return podHost(ordinal) + ":" + Ports.RAFT;
    }

    /** The S3 endpoint clients inside the cluster use. */
    public String endpoint(boolean tls) {
        return serviceUrl(tls, Ports.S3);
    }

    /** The admin API as the client Service exposes it inside the cluster. */
    public String adminEndpoint(boolean tls) {
        return serviceUrl(tls, Ports.ADMIN);
    }

    private String serviceUrl(boolean tls, int port) {
        return (tls ? "https" : "http") + "://" + clientService() + "." + namespace + ".svc:" + port;
    }
}
