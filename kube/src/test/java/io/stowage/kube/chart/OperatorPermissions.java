package io.stowage.kube.chart;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The verbs the operator uses, per group/resource, read off its client calls: informers list and watch;
 * ResourceApplier gets, creates and updates (never patches or deletes what owner references clean up);
 * JOSDK patches the status (JSON patch, no server-side apply); ServerCertificates and OwnedResources
 * delete the Certificate and ServiceMonitor they no longer need; ClusterMembership gets a cluster's pods
 * (are they ready to join?) and records events of member changes; fabric8's LeaseLock gets, creates and
 * updates the Lease. What the provisioners send is checked against the chart itself, not this copy, by
 * their ITs (see ChartRbac).
 */
final class OperatorPermissions {

    static final Set<String> READ_WRITE = Set.of("get", "list", "watch", "create", "update");
    static final Set<String> OPTIONAL_API = Set.of("get", "create", "update", "delete");

    /**
     * With every provisioner on (the chart's default): the provisioners also patch claim Secrets (the
     * annotated-Secret provisioner's fingerprint) and delete COSI credentials Secrets; they update
     * ObjectBucketClaims (finalizers, the generated bucket name) and their status, patch COSI claims and
     * accesses (finalizers, annotations) and their status, delete the BucketAccesses of a deleted Bucket's
     * claim, write OBC ConfigMaps and record events too.
     */
    static final Map<String, Set<String>> IN_WATCHED_NAMESPACES = Map.ofEntries(
            Map.entry("stowage.io/objectstores", Set.of("get", "list", "watch")),
            Map.entry("stowage.io/objectstores/status", Set.of("patch")),
            Map.entry("stowage.io/objectstores/finalizers", Set.of("update")),
            Map.entry("/secrets", Set.of("get", "list", "watch", "create", "update", "patch", "delete")),
            Map.entry("/services", READ_WRITE),
            Map.entry("/pods", Set.of("get")),
            Map.entry("/events", Set.of("create")),
            Map.entry("/configmaps", Set.of("get", "create", "update", "patch")),
            Map.entry("apps/statefulsets", READ_WRITE),
            Map.entry("policy/poddisruptionbudgets", READ_WRITE),
            Map.entry("cert-manager.io/certificates", OPTIONAL_API),
            Map.entry("monitoring.coreos.com/servicemonitors", OPTIONAL_API),
            Map.entry("objectbucket.io/objectbucketclaims", Set.of("get", "list", "watch", "update", "patch")),
            Map.entry("objectbucket.io/objectbucketclaims/status", Set.of("update")),
            Map.entry("objectbucket.io/objectbucketclaims/finalizers", Set.of("update")),
            Map.entry("objectstorage.k8s.io/bucketclaims", Set.of("get", "list", "watch", "patch")),
            Map.entry("objectstorage.k8s.io/bucketclaims/status", Set.of("patch")),
            Map.entry("objectstorage.k8s.io/bucketaccesses", Set.of("get", "list", "watch", "patch", "delete")),
            Map.entry("objectstorage.k8s.io/bucketaccesses/status", Set.of("patch")),
            Map.entry("stowage.io/s3buckets", Set.of("get", "list", "watch", "patch")),
            Map.entry("stowage.io/s3buckets/status", Set.of("patch")),
            Map.entry("stowage.io/s3users", Set.of("get", "list", "watch", "patch")),
            Map.entry("stowage.io/s3users/status", Set.of("patch")));

    /** Cluster-scoped kinds of the provisioners, granted cluster-wide whatever namespaces are watched. */
    static final Map<String, Set<String>> FOR_PROVISIONING = Map.of(
            "/events", Set.of("create"),
            "storage.k8s.io/storageclasses", Set.of("get"),
            "objectbucket.io/objectbuckets", Set.of("get", "create", "update", "patch", "delete"),
            "objectbucket.io/objectbuckets/status", Set.of("update"),
            "objectstorage.k8s.io/buckets", Set.of("get", "list", "watch", "create", "patch", "delete"),
            "objectstorage.k8s.io/buckets/status", Set.of("patch"),
            "objectstorage.k8s.io/bucketclasses", Set.of("get"),
            "objectstorage.k8s.io/bucketaccessclasses", Set.of("get"));

    /**
     * With the volume populator on (off by default), in watched namespaces: it watches and annotates claims and reads
     * their BucketSources (and their Secrets and ObjectStores, which the rules above grant already).
     */
    static final Map<String, Set<String>> POPULATOR_IN_WATCHED_NAMESPACES = Map.of(
            "/persistentvolumeclaims", Set.of("get", "list", "watch", "patch"),
            "stowage.io/bucketsources", Set.of("get"),
            "gateway.networking.k8s.io/referencegrants", Set.of("list"));

    /**
     * With the PVCi-compatible API on too, in watched namespaces: /create makes claims and BucketSources (an update
     * when a former /create left one), /status lists the claim's events.
     */
    static final Map<String, Set<String>> PVCI_IN_WATCHED_NAMESPACES = Map.of(
            "/persistentvolumeclaims", Set.of("get", "list", "watch", "patch", "create"),
            "stowage.io/bucketsources", Set.of("get", "create", "update"),
            "/events", Set.of("create", "list"));

    /** The volume populator's cluster-scoped kinds: the claim's StorageClass, the volume it rebinds. */
    static final Map<String, Set<String>> POPULATOR_CLUSTER_WIDE = Map.of(
            "/events", Set.of("create"),
            "storage.k8s.io/storageclasses", Set.of("get"),
            "/persistentvolumes", Set.of("get", "patch"));

    /** The volume populator's temporaries in the release namespace: prime claims, pods, copied Secrets. */
    static final Map<String, Set<String>> POPULATOR_IN_RELEASE_NAMESPACE = Map.of(
            "/pods", Set.of("get", "list", "create", "delete"),
            "/pods/log", Set.of("get"),
            "/persistentvolumeclaims", Set.of("get", "create", "patch", "delete"),
            "/secrets", Set.of("get", "create", "update", "delete"));

    /** Backend Secrets in the release namespace, when only some namespaces are watched. */
    static final Map<String, Set<String>> FOR_BACKENDS = Map.of("/secrets", Set.of("get"));

    static final Map<String, Set<String>> FOR_LEADER_ELECTION = Map.of(
            "coordination.k8s.io/leases", Set.of("get", "create", "update"));

    private OperatorPermissions() {
    }

    /** GROUP/RESOURCE to verbs; fails on what the chart should never grant (wildcards, resourceNames). */
    static Map<String, Set<String>> granted(List<PolicyRule> rules) {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (PolicyRule rule : rules) {
            if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()
                    || rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
                throw new AssertionError("unexpected rule " + rule);
            }
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return granted;
    }
}
