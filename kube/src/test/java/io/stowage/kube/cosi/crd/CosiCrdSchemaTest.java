package io.stowage.kube.cosi.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The COSI v1alpha1 CRDs the build generates, which the chart can install for clusters that lack them. */
class CosiCrdSchemaTest {

    private static CustomResourceDefinition crd(String plural) {
        try (InputStream in = CosiCrdSchemaTest.class.getResourceAsStream(
                "/META-INF/fabric8/" + plural + ".objectstorage.k8s.io-v1.yml")) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getGroup()).isEqualTo("objectstorage.k8s.io");
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().getFirst();
        assertThat(version.getName()).isEqualTo("v1alpha1");
        return version;
    }

    private static Map<String, JSONSchemaProps> properties(CustomResourceDefinitionVersion version) {
        return version.getSchema().getOpenAPIV3Schema().getProperties();
    }

    @Test
    void classesAreClusterScopedWithTopLevelFieldsAndNoSpec() {
        CustomResourceDefinition bucketClass = crd("bucketclasses");
        CustomResourceDefinitionVersion bucketClassVersion = version(bucketClass);
        assertThat(bucketClass.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(properties(bucketClassVersion)).containsKeys("driverName", "deletionPolicy", "parameters")
                .doesNotContainKeys("spec", "status");
        assertThat(properties(bucketClassVersion).get("deletionPolicy").getDefault().asText()).isEqualTo("Retain");
        assertThat(bucketClassVersion.getSubresources()).isNull();

        CustomResourceDefinition accessClass = crd("bucketaccessclasses");
        CustomResourceDefinitionVersion accessClassVersion = version(accessClass);
        assertThat(accessClass.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(properties(accessClassVersion)).containsKeys("driverName", "authenticationType", "parameters")
                .doesNotContainKeys("spec", "status");
    }

    @Test
    void claimsAndAccessesAreNamespacedWithAStatusSubresource() {
        CustomResourceDefinition claim = crd("bucketclaims");
        CustomResourceDefinitionVersion claimVersion = version(claim);
        assertThat(claim.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(claimVersion.getSubresources().getStatus()).isNotNull();
        assertThat(properties(claimVersion).get("spec").getProperties())
                .containsOnlyKeys("bucketClassName", "protocols", "existingBucketName");
        assertThat(properties(claimVersion).get("status").getProperties()).containsOnlyKeys("bucketReady", "bucketName");

        CustomResourceDefinition access = crd("bucketaccesses");
        CustomResourceDefinitionVersion accessVersion = version(access);
        assertThat(access.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(accessVersion.getSubresources().getStatus()).isNotNull();
        assertThat(properties(accessVersion).get("spec").getProperties()).containsOnlyKeys("bucketClaimName", "protocol",
                "bucketAccessClassName", "credentialsSecretName", "serviceAccountName");
        assertThat(properties(accessVersion).get("status").getProperties()).containsOnlyKeys("accountID", "accessGranted");
    }

    @Test
    void bucketsAreClusterScopedWithAStatusSubresource() {
        CustomResourceDefinition bucket = crd("buckets");
        CustomResourceDefinitionVersion version = version(bucket);
        assertThat(bucket.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(properties(version).get("spec").getProperties()).containsOnlyKeys("driverName", "bucketClassName",
                "bucketClaim", "protocols", "parameters", "deletionPolicy", "existingBucketID");
        assertThat(properties(version).get("status").getProperties()).containsOnlyKeys("bucketReady", "bucketID");
    }
}
