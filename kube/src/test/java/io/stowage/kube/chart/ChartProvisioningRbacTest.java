package io.stowage.kube.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.kube.operator.ApiCall;
import org.junit.jupiter.api.Test;

/**
 * The provisioners' permissions where they are easiest to get wrong: with watchNamespaces and COSI on,
 * the chart lets the operator read and write BucketClaims and BucketAccesses in the watched namespaces
 * only (so BucketReconciler watches claims there, never cluster-wide), and Buckets and classes
 * cluster-wide. The ITs hold the requests the operator really sends against the same rendering.
 */
class ChartProvisioningRbacTest {

    private static final String GROUP = "objectstorage.k8s.io";
    private static final ChartRbac WATCHING = ChartRbac.of(RenderedChart.withValues("provisioning-in-watched-namespaces.yaml"));
    private static final ChartRbac EVERYWHERE = ChartRbac.of(RenderedChart.withDefaults());

    private static ApiCall cosi(String verb, String resource, String namespace) {
        return new ApiCall(verb, GROUP, resource, namespace);
    }

    @Test
    void withWatchedNamespacesBucketClaimsAreReadAndWrittenOnlyThere() {
        for (String verb : new String[] {"get", "list", "watch", "patch"}) {
            assertThat(WATCHING.allows(cosi(verb, "bucketclaims", ChartRbac.WATCHED))).as(verb).isTrue();
        }
        assertThat(WATCHING.allows(cosi("patch", "bucketclaims/status", ChartRbac.WATCHED))).isTrue();

        assertThat(WATCHING.allows(cosi("list", "bucketclaims", null))).as("list cluster-wide").isFalse();
        assertThat(WATCHING.allows(cosi("watch", "bucketclaims", null))).as("watch cluster-wide").isFalse();
        assertThat(WATCHING.allows(cosi("get", "bucketclaims", "elsewhere"))).as("get elsewhere").isFalse();
        assertThat(WATCHING.allows(cosi("patch", "bucketclaims/status", "elsewhere"))).as("status elsewhere").isFalse();
    }

    @Test
    void aDeletedBucketsAccessesMayBeListedAndDeleted() {
        for (ChartRbac rbac : new ChartRbac[] {WATCHING, EVERYWHERE}) {
            assertThat(rbac.allows(cosi("list", "bucketaccesses", ChartRbac.WATCHED))).isTrue();
            assertThat(rbac.allows(cosi("delete", "bucketaccesses", ChartRbac.WATCHED))).isTrue();
        }
        assertThat(WATCHING.allows(cosi("delete", "bucketaccesses", "elsewhere"))).isFalse();
    }

    @Test
    void bucketsClassesAndTheirEventsAreClusterWide() {
        for (ChartRbac rbac : new ChartRbac[] {WATCHING, EVERYWHERE}) {
            assertThat(rbac.allows(cosi("watch", "buckets", null))).isTrue();
            assertThat(rbac.allows(cosi("delete", "buckets", null))).isTrue();
            assertThat(rbac.allows(cosi("patch", "buckets/status", null))).isTrue();
            assertThat(rbac.allows(cosi("get", "bucketclasses", null))).isTrue();
            assertThat(rbac.allows(cosi("get", "bucketaccessclasses", null))).isTrue();
            assertThat(rbac.allows(new ApiCall("create", "", "events", "default"))).as("events on Buckets").isTrue();
        }
    }

    /** An S3User's generated Secret is disowned (a JSON patch) or deleted with it, as its deletionPolicy says. */
    @Test
    void gitopsAloneMayPatchAndDeleteSecretsAndWatchThemForKeySources() {
        ChartRbac gitopsAlone = ChartRbac.of(RenderedChart.render(command -> command.set("provisioning.obc.enabled", false)
                .set("provisioning.secret.enabled", false).set("provisioning.cosi.enabled", false)
                .set("provisioning.populator.enabled", false)));
        for (String verb : new String[] {"get", "list", "watch", "create", "update", "patch", "delete"}) {
            assertThat(gitopsAlone.allows(new ApiCall(verb, "", "secrets", "team"))).as(verb).isTrue();
        }
        ChartRbac nothingProvisioned = ChartRbac.of(RenderedChart.render(command -> command.set("provisioning.obc.enabled", false)
                .set("provisioning.secret.enabled", false).set("provisioning.cosi.enabled", false)
                .set("provisioning.populator.enabled", false).set("provisioning.gitops.enabled", false)));
        assertThat(nothingProvisioned.allows(new ApiCall("delete", "", "secrets", "team"))).as("without provisioners").isFalse();
    }

    @Test
    void backendSecretsAreReadableInTheReleaseNamespaceOnly() {
        assertThat(WATCHING.allows(new ApiCall("get", "", "secrets", RenderedChart.NAMESPACE))).isTrue();
        assertThat(WATCHING.allows(new ApiCall("list", "", "secrets", RenderedChart.NAMESPACE))).isFalse();
        assertThat(WATCHING.allows(new ApiCall("get", "", "secrets", "elsewhere"))).isFalse();
    }
}
