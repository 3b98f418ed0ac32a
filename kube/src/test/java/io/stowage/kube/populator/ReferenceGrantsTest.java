package io.stowage.kube.populator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceGrantsTest {

    private static GenericKubernetesResource grant(Map<String, Object> from, Map<String, Object> to) {
        GenericKubernetesResource grant = new GenericKubernetesResource();
        grant.setAdditionalProperty("spec", Map.of("from", List.of(from), "to", List.of(to)));
        return grant;
    }

    private static Map<String, Object> fromClaims(String namespace) {
        return Map.of("group", "", "kind", "PersistentVolumeClaim", "namespace", namespace);
    }

    private static Map<String, Object> toSource(String name) {
        Map<String, Object> to = new HashMap<>(Map.of("group", "stowage.io", "kind", "BucketSource"));
        if (name != null) {
            to.put("name", name);
        }
        return to;
    }

    @Test
    void aGrantFromTheClaimsNamespaceToTheNamedSourceOrToAllSourcesPermits() {
        assertThat(ReferenceGrants.permits(grant(fromClaims("team"), toSource("imagenet")), "team", "imagenet")).isTrue();
        assertThat(ReferenceGrants.permits(grant(fromClaims("team"), toSource(null)), "team", "imagenet")).isTrue();
        assertThat(ReferenceGrants.permits(grant(fromClaims("team"), toSource("")), "team", "imagenet")).isTrue();
    }

    @Test
    void anotherNamespaceSourceKindOrSourceNameDoesNotPermit() {
        assertThat(ReferenceGrants.permits(grant(fromClaims("other"), toSource("imagenet")), "team", "imagenet")).isFalse();
        assertThat(ReferenceGrants.permits(grant(fromClaims("team"), toSource("coco")), "team", "imagenet")).isFalse();
        assertThat(ReferenceGrants.permits(grant(Map.of("group", "", "kind", "Pod", "namespace", "team"),
                toSource("imagenet")), "team", "imagenet")).isFalse();
        assertThat(ReferenceGrants.permits(grant(fromClaims("team"), Map.of("group", "", "kind", "Secret")), "team",
                "imagenet")).isFalse();
        assertThat(ReferenceGrants.permits(new GenericKubernetesResource(), "team", "imagenet")).isFalse();
    }
}
