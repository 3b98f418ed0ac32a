package io.stowage.kube.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stowage.kube.model.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRD the build generates from the ObjectStore classes carries the validation and defaults. */
class CrdSchemaTest {

    private static final String CRD_RESOURCE = "/META-INF/fabric8/objectstores.stowage.io-v1.yml";

    private static CustomResourceDefinition crd() {
        try (InputStream in = CrdSchemaTest.class.getResourceAsStream(CRD_RESOURCE)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CustomResourceDefinitionVersion version() {
        return crd().getSpec().getVersions().getFirst();
    }

    private static Map<String, JSONSchemaProps> spec() {
        return version().getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties();
    }

    @Test
    void namesAndScope() {
        CustomResourceDefinition crd = crd();

        assertThat(crd.getMetadata().getName()).isEqualTo("objectstores.stowage.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("ObjectStore");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ostore");
        assertThat(version().getName()).isEqualTo("v1alpha1");
        assertThat(version().getSubresources().getStatus()).isNotNull();
    }

    @Test
    void defaultsAndBounds() {
        Map<String, JSONSchemaProps> spec = spec();

        assertThat(spec.get("replicas").getDefault().asInt()).isEqualTo(1);
        assertThat(spec.get("replicas").getMinimum()).isEqualTo(1.0);
        assertThat(spec.get("replicas").getMaximum()).isEqualTo((double) SpecValidator.MAX_REPLICAS);
        assertThat(spec.get("region").getDefault().asText()).isEqualTo("us-east-1");
        assertThat(spec.get("shutdownGracePeriod").getDefault().asText()).isEqualTo("20s");
        assertThat(spec.get("shutdownGracePeriod").getPattern()).isNotBlank();
        assertThat(spec.get("deletePVCs").getDefault().asBoolean()).isFalse();
        assertThat(spec.get("storage").getProperties().get("size").getDefault().asText()).isEqualTo("10Gi");
        assertThat(spec.get("storage").getDefault().get("size").asText()).isEqualTo("10Gi");
        assertThat(spec.get("service").getProperties().get("type").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("ClusterIP", "NodePort", "LoadBalancer");
        assertThat(spec.get("tls").getProperties().get("mode").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("operator", "certManager", "secret", "disabled");
        assertThat(spec.get("tls").getProperties().get("mode").getDefault().asText()).isEqualTo("operator");
        assertThat(spec.get("tls").getProperties().get("issuerRef").getRequired()).containsExactly("name");
        assertThat(spec.get("metrics").getProperties().get("serviceMonitor").getDefault().asBoolean()).isFalse();
        assertThat(spec.get("scheduling").getProperties()).containsKeys("nodeSelector", "tolerations", "affinity");
        assertThat(spec.get("resources").getProperties()).containsKeys("limits", "requests");
    }

    @Test
    void printerColumns() {
        assertThat(version().getAdditionalPrinterColumns())
                .extracting(c -> c.getName() + "=" + c.getJsonPath())
                .containsExactlyInAnyOrder(
                        "Ready=.status.conditions[?(@.type==\"Ready\")].status",
                        "Replicas=.spec.replicas",
                        "Endpoint=.status.endpoint",
                        "Age=.metadata.creationTimestamp");
    }

    @Test
    void theStatusHasConditionsAndTheEndpoint() {
        assertThat(version().getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties())
                .containsKeys("conditions", "observedGeneration", "readyReplicas", "endpoint", "caSecretName", "members");
    }
}
