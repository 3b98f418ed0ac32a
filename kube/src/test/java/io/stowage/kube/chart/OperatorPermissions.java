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
 * delete the Certificate and ServiceMonitor they no longer need; fabric8's LeaseLock gets, creates and
 * updates the Lease.
 */
final class OperatorPermissions {

    static final Set<String> READ_WRITE = Set.of("get", "list", "watch", "create", "update");
    static final Set<String> OPTIONAL_API = Set.of("get", "create", "update", "delete");

    static final Map<String, Set<String>> IN_WATCHED_NAMESPACES = Map.of(
            "stowage.io/objectstores", Set.of("get", "list", "watch"),
            "stowage.io/objectstores/status", Set.of("patch"),
            "stowage.io/objectstores/finalizers", Set.of("update"),
            "/secrets", READ_WRITE,
            "/services", READ_WRITE,
            "apps/statefulsets", READ_WRITE,
            "policy/poddisruptionbudgets", READ_WRITE,
            "cert-manager.io/certificates", OPTIONAL_API,
            "monitoring.coreos.com/servicemonitors", OPTIONAL_API);

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
