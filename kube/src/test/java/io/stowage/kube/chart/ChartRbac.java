package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.stowage.kube.operator.ApiCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rendered chart lets the operator's ServiceAccount do, decided as the API server's RBAC
 * authorizer decides it: a ClusterRoleBinding's rules hold everywhere, a RoleBinding's only in its
 * namespace. The provisioners' ITs record the requests their operator sends ({@code ApiCallRecorder}) and
 * hold them against it, so that the chart's rules are checked against what the code does, not against
 * a hand-written list.
 */
public final class ChartRbac {

    /** The watched namespace of the namespaced rendering; a test's own namespace stands in for it. */
    public static final String WATCHED = "apps";

    /** A rule and where it holds: in one namespace, or everywhere when namespace is null. */
    private record Grant(String namespace, PolicyRule rule) {
    }

    private static final class Renderings {
        static final Map<String, ChartRbac> ALL = new LinkedHashMap<>();

        static {
            ALL.put("default values (all namespaces)", of(RenderedChart.withDefaults()));
            ALL.put("watchNamespaces [" + WATCHED + "]", of(RenderedChart.withValues("provisioning-in-watched-namespaces.yaml")));
        }
    }

    private final List<Grant> grants;

    private ChartRbac(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    static ChartRbac of(RenderedChart chart) {
        String account = chart.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(RenderedChart.RELEASE + "-operator"))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getServiceAccountName();
        Map<String, ClusterRole> clusterRoles = new LinkedHashMap<>();
        chart.all(ClusterRole.class).forEach(r -> clusterRoles.put(r.getMetadata().getName(), r));
        Map<String, Role> roles = new LinkedHashMap<>();
        chart.all(Role.class).forEach(r -> roles.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), r));

        List<Grant> grants = new ArrayList<>();
        for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
            if (binds(binding.getSubjects(), account)) {
                rules(binding.getRoleRef(), null, clusterRoles, roles).forEach(rule -> grants.add(new Grant(null, rule)));
            }
        }
        for (RoleBinding binding : chart.all(RoleBinding.class)) {
            String namespace = binding.getMetadata().getNamespace();
            if (binds(binding.getSubjects(), account)) {
                rules(binding.getRoleRef(), namespace, clusterRoles, roles).forEach(rule -> grants.add(new Grant(namespace, rule)));
            }
        }
        return new ChartRbac(grants);
    }

    /** Whether the chart allows the call. */
    boolean allows(ApiCall call) {
        if (call.group() == null) {
            return false;
        }
        return grants.stream().anyMatch(grant -> (grant.namespace() == null || grant.namespace().equals(call.namespace()))
                && (grant.rule().getResourceNames() == null || grant.rule().getResourceNames().isEmpty())
                && grant.rule().getApiGroups().contains(call.group())
                && grant.rule().getResources().contains(call.resource())
                && grant.rule().getVerbs().contains(call.verb()));
    }

    /**
     * Fails unless the chart, rendered with its defaults and with {@link #WATCHED} as the only watched
     * namespace, allows every call; calls in {@code testNamespace} count as calls in the watched one.
     */
    public static void assertAllowed(Collection<ApiCall> calls, String testNamespace) {
        assertThat(calls).as("recorded calls").isNotEmpty();
        List<ApiCall> moved = calls.stream().map(c -> c.movedFrom(testNamespace, WATCHED))
                .sorted(Comparator.comparing(ApiCall::toString)).toList();
        Renderings.ALL.forEach((values, rbac) -> assertThat(moved.stream().filter(c -> !rbac.allows(c)).toList())
                .as("requests the operator sent that the chart rendered with %s does not allow", values)
                .isEmpty());
    }

    /**
     * Fails unless the chart rendered with the test values file {@code valuesFile} (with {@link #WATCHED} watched)
     * allows every call; calls in {@code testNamespace} count as calls in the watched one. For a provisioner alone, so
     * that a rule only another provisioner's switch grants does not hide a missing one.
     */
    public static void assertAllowedWithValues(Collection<ApiCall> calls, String testNamespace, String valuesFile) {
        assertThat(calls).as("recorded calls").isNotEmpty();
        ChartRbac rbac = of(RenderedChart.withValues(valuesFile));
        List<ApiCall> refused = calls.stream().map(c -> c.movedFrom(testNamespace, WATCHED)).filter(c -> !rbac.allows(c))
                .sorted(Comparator.comparing(ApiCall::toString)).toList();
        assertThat(refused).as("requests the operator sent that the chart rendered with %s does not allow", valuesFile)
                .isEmpty();
    }

    /**
     * Fails unless the chart with the volume populator on ({@code populator.yaml}: {@link #WATCHED} watched) allows every
     * call; calls in {@code workingNamespace} count as calls in the release namespace, the operator's own, and calls in
     * any of {@code userNamespaces} as calls in the watched one.
     */
    public static void assertAllowedWithPopulator(Collection<ApiCall> calls, String workingNamespace,
            String... userNamespaces) {
        assertThat(calls).as("recorded calls").isNotEmpty();
        ChartRbac rbac = of(RenderedChart.withValues("populator.yaml"));
        List<ApiCall> refused = calls.stream().map(c -> c.movedFrom(workingNamespace, RenderedChart.NAMESPACE))
                .map(c -> {
                    for (String user : userNamespaces) {
                        c = c.movedFrom(user, WATCHED);
                    }
                    return c;
                })
                .filter(c -> !rbac.allows(c))
                .sorted(Comparator.comparing(ApiCall::toString)).toList();
        assertThat(refused).as("requests the populator sent that the chart with populator.yaml does not allow").isEmpty();
    }

    /**
     * Fails unless the chart with the PVCi-compatible API on ({@code pvci.yaml}: {@link #WATCHED} watched) allows every
     * call; calls in {@code userNamespace} count as calls in the watched one.
     */
    public static void assertAllowedWithPvci(Collection<ApiCall> calls, String userNamespace) {
        assertThat(calls).as("recorded calls").isNotEmpty();
        ChartRbac rbac = of(RenderedChart.withValues("pvci.yaml"));
        List<ApiCall> refused = calls.stream().map(c -> c.movedFrom(userNamespace, WATCHED)).filter(c -> !rbac.allows(c))
                .sorted(Comparator.comparing(ApiCall::toString)).toList();
        assertThat(refused).as("requests the PVCi API sent that the chart with pvci.yaml does not allow").isEmpty();
    }

    private static boolean binds(List<Subject> subjects, String account) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && account.equals(s.getName()) && RenderedChart.NAMESPACE.equals(s.getNamespace()));
    }

    private static List<PolicyRule> rules(RoleRef ref, String namespace, Map<String, ClusterRole> clusterRoles,
            Map<String, Role> roles) {
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = clusterRoles.get(ref.getName());
            assertThat(role).as("ClusterRole %s a binding names", ref.getName()).isNotNull();
            return role.getRules();
        }
        Role role = roles.get(namespace + "/" + ref.getName());
        assertThat(role).as("Role %s/%s a binding names", namespace, ref.getName()).isNotNull();
        return role.getRules();
    }
}
