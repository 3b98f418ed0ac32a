package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectStoreNamesTest {

    private final ObjectStoreNames names = new ObjectStoreNames("s3", "apps");

    @Test
    void theCertificateCoversEveryServiceNameAndEveryPod() {
        assertThat(names.certificateDnsNames(null)).containsExactly(
                "s3", "s3.apps", "s3.apps.svc", "s3.apps.svc.cluster.local",
                "*.s3-headless.apps.svc", "*.s3-headless.apps.svc.cluster.local");
    }

    @Test
    void theBucketDomainAndItsSubdomainsJoinTheNames() {
        assertThat(names.certificateDnsNames("s3.example.com"))
                .endsWith("s3.example.com", "*.s3.example.com")
                .hasSize(8);
    }

    @Test
    void podsAreNamedThroughTheHeadlessService() {
        assertThat(names.podName(2)).isEqualTo("s3-2");
        assertThat(names.podHost(2)).isEqualTo("s3-2.s3-headless.apps.svc");
        assertThat(names.raftAddress(2)).isEqualTo("s3-2.s3-headless.apps.svc:9100");
        assertThat(names.rootCredentialsSecret()).isEqualTo("s3-root-credentials");
    }

    @Test
    void aPodsOrdinalComesFromItsNameOnly() {
        assertThat(names.ordinalOf("s3-0")).isZero();
        assertThat(names.ordinalOf("s3-12")).isEqualTo(12);
        assertThat(names.ordinalOf("s3-01")).isEqualTo(-1);
        assertThat(names.ordinalOf("s3-x")).isEqualTo(-1);
        assertThat(names.ordinalOf("s3-")).isEqualTo(-1);
        assertThat(names.ordinalOf("s3-a-1")).isEqualTo(-1);
        assertThat(names.ordinalOf("other-1")).isEqualTo(-1);
    }

    @Test
    void theEndpointSaysTheScheme() {
        assertThat(names.endpoint(true)).isEqualTo("https://s3.apps.svc:9000");
        assertThat(names.endpoint(false)).isEqualTo("http://s3.apps.svc:9000");
        assertThat(names.adminEndpoint(true)).isEqualTo("https://s3.apps.svc:9001");
        assertThat(names.adminEndpoint(false)).isEqualTo("http://s3.apps.svc:9001");
    }
}
