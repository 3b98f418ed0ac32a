package io.stowage.kube.obc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRDs generated from the classes have lib-bucket-provisioner's names, scope and fields. */
class ObcCrdTest {

    private static CustomResourceDefinition crd(String name) throws IOException {
        try (InputStream in = ObcCrdTest.class.getResourceAsStream("/META-INF/fabric8/" + name + "-v1.yml")) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    private static Map<String, JSONSchemaProps> properties(CustomResourceDefinitionVersion version, String field) {
        return version.getSchema().getOpenAPIV3Schema().getProperties().get(field).getProperties();
    }

    @Test
    void objectBucketClaims() throws IOException {
        CustomResourceDefinition crd = crd("objectbucketclaims.objectbucket.io");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().getFirst();

        assertThat(crd.getSpec().getGroup()).isEqualTo("objectbucket.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ObjectBucketClaim");
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("objectbucketclaims");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("obc", "obcs");
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
        Map<String, JSONSchemaProps> spec = properties(version, "spec");
        assertThat(spec).containsOnlyKeys("storageClassName", "bucketName", "generateBucketName", "additionalConfig",
                "objectBucketName");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired())
                .containsExactly("storageClassName");
        assertThat(spec.get("storageClassName").getMinLength()).isEqualTo(1L);
        assertThat(spec.get("additionalConfig").getAdditionalProperties().getSchema().getType()).isEqualTo("string");
        assertThat(properties(version, "status").get("phase").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("Pending", "Bound", "Released", "Failed");
    }

    @Test
    void objectBuckets() throws IOException {
        CustomResourceDefinition crd = crd("objectbuckets.objectbucket.io");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().getFirst();

        assertThat(crd.getSpec().getGroup()).isEqualTo("objectbucket.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ObjectBucket");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ob", "obs");
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        Map<String, JSONSchemaProps> spec = properties(version, "spec");
        assertThat(spec).containsOnlyKeys("storageClassName", "reclaimPolicy", "claimRef", "endpoint", "additionalState");
        assertThat(spec.get("endpoint").getProperties()).containsOnlyKeys("bucketHost", "bucketPort", "bucketName",
                "region", "subRegion", "additionalConfig");
        assertThat(spec.get("endpoint").getProperties().get("bucketPort").getType()).isEqualTo("integer");
        assertThat(spec.get("claimRef").getProperties()).containsKeys("namespace", "name", "uid");
        assertThat(properties(version, "status").get("phase").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("Bound", "Released", "Failed");
    }
}
