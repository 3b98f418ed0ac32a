package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.kube.TestStores;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.ServiceType;
import io.stowage.kube.crd.TlsMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    @Test
    void anEmptySpecGetsEveryDefault() throws InvalidSpecException {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.setSpec(null);

        EffectiveSpec spec = SpecValidator.validate(store, TestStores.IMAGE);

        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.image()).isEqualTo(TestStores.IMAGE);
        assertThat(spec.size().toString()).isEqualTo("10Gi");
        assertThat(spec.storageClassName()).isNull();
        assertThat(spec.serviceType()).isEqualTo(ServiceType.ClusterIP);
        assertThat(spec.region()).isEqualTo("us-east-1");
        assertThat(spec.domain()).isNull();
        assertThat(spec.tlsMode()).isEqualTo(TlsMode.OPERATOR);
        assertThat(spec.tlsSecret()).isEqualTo("s3-tls");
        assertThat(spec.adminTokenSecret()).isEqualTo("s3-admin-token");
        assertThat(spec.serviceMonitor()).isFalse();
        assertThat(spec.deletePVCs()).isFalse();
        assertThat(spec.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anyCountUpToTheLimitIsAccepted() {
        ObjectStore store = TestStores.stored("s3", "apps");
        for (int replicas = 1; replicas <= SpecValidator.MAX_REPLICAS; replicas++) {
            store.getSpec().setReplicas(replicas);

            EffectiveSpec spec = TestStores.effective(store);

            assertThat(spec.replicas()).isEqualTo(replicas);
            assertThat(spec.clustered()).isEqualTo(replicas > 1);
        }
        assertThat(SpecValidator.MAX_REPLICAS).isEqualTo(9);
    }

    @Test
    void moreReplicasThanTheLimitAreRefusedNamingTheField() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().setReplicas(SpecValidator.MAX_REPLICAS + 1);

        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("spec.replicas: at most 9, not 10");
    }

    @Test
    void zeroReplicasAreRefused() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().setReplicas(0);

        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("spec.replicas: must be at least 1");
    }

    @Test
    void certManagerModeNeedsAnIssuer() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().getTls().setMode(TlsMode.CERT_MANAGER);

        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("spec.tls.issuerRef.name");

        IssuerRef issuer = new IssuerRef();
        issuer.setName("ca");
        store.getSpec().getTls().setIssuerRef(issuer);
        assertThat(TestStores.effective(store).issuerRef().getName()).isEqualTo("ca");
        assertThat(TestStores.effective(store).tlsSecret()).isEqualTo("s3-tls");
    }

    @Test
    void secretModeNeedsASecretNameAndMountsIt() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().getTls().setMode(TlsMode.SECRET);

        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("spec.tls.secretName");

        store.getSpec().getTls().setSecretName("my-cert");
        assertThat(TestStores.effective(store).tlsSecret()).isEqualTo("my-cert");
    }

    @Test
    void withoutTlsNoSecretIsMounted() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().getTls().setMode(TlsMode.DISABLED);

        assertThat(TestStores.effective(store).tlsSecret()).isNull();
        assertThat(TestStores.effective(store).tls()).isFalse();
    }

    @Test
    void shutdownGraceIsSecondsOrMinutes() throws InvalidSpecException {
        assertThat(SpecValidator.shutdownGrace("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(SpecValidator.shutdownGrace("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SpecValidator.shutdownGrace("P1D")).hasMessageContaining("spec.shutdownGracePeriod");
        assertThatThrownBy(() -> SpecValidator.shutdownGrace("0s")).hasMessageContaining("spec.shutdownGracePeriod");
    }

    @Test
    void aSizeMustBeAPositiveQuantity() {
        ObjectStore store = TestStores.stored("s3", "apps");
        store.getSpec().getStorage().setSize("lots");
        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("spec.storage.size");

        store.getSpec().getStorage().setSize("0");
        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("spec.storage.size: must be more than zero");
    }

    @Test
    void namesTooLongForThePodLabelsAreRefused() {
        ObjectStore store = TestStores.stored("a".repeat(SpecValidator.MAX_NAME_LENGTH + 1), "apps");

        assertThatThrownBy(() -> SpecValidator.validate(store, TestStores.IMAGE))
                .hasMessageContaining("metadata.name: at most 52 characters");
    }
}
