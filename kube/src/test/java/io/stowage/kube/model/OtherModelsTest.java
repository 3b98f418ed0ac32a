package io.stowage.kube.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.stowage.kube.TestStores;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.ObjectStore;
import io.stowage.kube.crd.TlsMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PodDisruptionBudget, cert-manager Certificate and ServiceMonitor models. */
class OtherModelsTest {

    private final ObjectStore store = TestStores.stored("s3", "apps");

    @Test
    void atMostOnePodIsEvictedAtATime() {
        PodDisruptionBudget pdb = PodDisruptionBudgetModel.desired(store);

        assertThat(pdb.getMetadata().getName()).isEqualTo("s3");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Labels.selector(ObjectStoreNames.of(store)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCertManagerCertificateNamesTheSecretTheIssuerAndEveryDnsName() {
        IssuerRef issuer = new IssuerRef();
        issuer.setName("internal-ca");
        issuer.setKind("ClusterIssuer");
        store.getSpec().getTls().setMode(TlsMode.CERT_MANAGER);
        store.getSpec().getTls().setIssuerRef(issuer);
        store.getSpec().setDomain("s3.example.com");

        GenericKubernetesResource certificate = CertificateModel.desired(store, TestStores.effective(store));
        Map<String, Object> spec = (Map<String, Object>) certificate.getAdditionalProperties().get("spec");

        assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat(certificate.getKind()).isEqualTo("Certificate");
        assertThat(spec.get("secretName")).isEqualTo("s3-tls");
        assertThat((List<String>) spec.get("dnsNames"))
                .containsExactlyElementsOf(ObjectStoreNames.of(store).certificateDnsNames("s3.example.com"));
        assertThat((Map<String, Object>) spec.get("issuerRef")).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "internal-ca", "kind", "ClusterIssuer", "group", "cert-manager.io"));
        assertThat(certificate.getMetadata().getOwnerReferences().getFirst().getUid())
                .isEqualTo(store.getMetadata().getUid());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClustersCertificatesNameEveryPodsHostForItsPeers() {
        store.getSpec().setReplicas(3);
        store.getSpec().getTls().setMode(TlsMode.CERT_MANAGER);
        IssuerRef issuer = new IssuerRef();
        issuer.setName("internal-ca");
        store.getSpec().getTls().setIssuerRef(issuer);
        ObjectStoreNames names = ObjectStoreNames.of(store);

        Map<String, Object> spec = (Map<String, Object>) CertificateModel.desired(store, TestStores.effective(store))
                .getAdditionalProperties().get("spec");

        // the operator TLS mode issues for the same names (ObjectStoreOperatorIT reads its certificate)
        assertThat(names.certificateDnsNames(null)).contains("*.s3-headless.apps.svc", "*.s3-headless.apps.svc.cluster.local");
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            String host = names.podHost(ordinal);
            assertThat(names.certificateDnsNames(null)).contains("*" + host.substring(host.indexOf('.')));
        }
        assertThat((List<String>) spec.get("dnsNames")).containsExactlyElementsOf(names.certificateDnsNames(null));
        // the peers authenticate each other with it: mutual TLS
        assertThat((List<String>) spec.get("usages")).contains("server auth", "client auth");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceMonitorScrapesTheMetricsPortThroughTheHeadlessService() {
        GenericKubernetesResource monitor = ServiceMonitorModel.desired(store);
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat((List<Map<String, Object>>) spec.get("endpoints")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("port", "metrics").containsEntry("path", "/metrics"));
        Map<String, String> selected = ((Map<String, Map<String, String>>) spec.get("selector")).get("matchLabels");
        assertThat(ServiceModels.headless(store, TestStores.effective(store)).getMetadata().getLabels()).containsAllEntriesOf(selected);
        assertThat(ServiceModels.client(store, TestStores.effective(store)).getMetadata().getLabels())
                .doesNotContainEntry(Labels.SERVICE, selected.get(Labels.SERVICE));
    }
}
