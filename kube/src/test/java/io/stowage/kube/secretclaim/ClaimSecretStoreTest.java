package io.stowage.kube.secretclaim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimSecretStoreTest {

    private final ClaimSecretStore store = new ClaimSecretStore();

    @Test
    void keepsOnlyAnnotatedSecrets() {
        Secret claim = secret("claim", Map.of(ClaimAnnotations.S3_RESOURCE_OPERATOR, "true"));
        Secret own = secret("own", Map.of(ClaimAnnotations.STOWAGE, "true"));
        Secret off = secret("off", Map.of(ClaimAnnotations.STOWAGE, "false"));
        Secret plain = secret("plain", Map.of());

        for (Secret s : new Secret[] {claim, own, off, plain}) {
            store.put(store.getKey(s), s);
        }

        assertThat(store.keySet()).containsExactlyInAnyOrder("ns/claim", "ns/own");
        assertThat(store.get("ns/plain")).isNull();
        assertThat(new ClaimSecretFilter().accept(own)).isTrue();
        assertThat(new ClaimSecretFilter().accept(off)).isFalse();
    }

    @Test
    void aSecretWhoseAnnotationIsRemovedLeavesTheStore() {
        Secret claim = secret("claim", Map.of(ClaimAnnotations.STOWAGE, "true"));
        store.put("ns/claim", claim);

        Secret previous = store.put("ns/claim", secret("claim", Map.of()));

        assertThat(previous).isSameAs(claim);
        assertThat(store.size()).isZero();
    }

    private static Secret secret(String name, Map<String, String> annotations) {
        return new SecretBuilder().withNewMetadata().withNamespace("ns").withName(name).withAnnotations(annotations)
                .endMetadata().build();
    }
}
