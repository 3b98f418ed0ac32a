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
        assertThat(names.podHosts(3)).containsExactly(
                "s3-0.s3-headless.apps.svc", "s3-1.s3-headless.apps.svc", "s3-2.s3-headless.apps.svc");
    }

    @Test
    void theEndpointSaysTheScheme() {
        assertThat(names.endpoint(true)).isEqualTo("https://s3.apps.svc:9000");
        assertThat(names.endpoint(false)).isEqualTo("http://s3.apps.svc:9000");
    }
}
