package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stowage.kube.crd.IssuerRef;
import io.stowage.kube.crd.ObjectStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cert-manager Certificate of the certManager TLS mode, as an untyped resource so that cert-manager
 * is no dependency. cert-manager writes NAME-tls with tls.crt, tls.key and, for CA-based issuers, ca.crt.
 */
public final class CertificateModel {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("cert-manager.io").withVersion("v1").withKind("Certificate").withPlural("certificates")
            .withNamespaced(true).build();

    private CertificateModel() {
    }

    /** The Certificate's identity without a spec: enough to find or delete it. */
    public static GenericKubernetesResource named(ObjectStore store) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(CONTEXT.getGroup() + "/" + CONTEXT.getVersion())
                .withKind(CONTEXT.getKind())
                .withMetadata(OwnedMetadata.of(store, ObjectStoreNames.of(store).certificate()))
                .build();
    }

    public static GenericKubernetesResource desired(ObjectStore store, EffectiveSpec spec) {
        ObjectStoreNames names = ObjectStoreNames.of(store);
        IssuerRef issuer = spec.issuerRef();
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        issuerRef.put("name", issuer.getName());
        issuerRef.put("kind", issuer.getKind() == null ? "Issuer" : issuer.getKind());
        issuerRef.put("group", issuer.getGroup() == null ? "cert-manager.io" : issuer.getGroup());
        Map<String, Object> certificateSpec = new LinkedHashMap<>();
        certificateSpec.put("secretName", spec.tlsSecret());
        certificateSpec.put("dnsNames", names.certificateDnsNames(spec.domain()));
        certificateSpec.put("issuerRef", issuerRef);
        certificateSpec.put("usages", List.of("digital signature", "key encipherment", "server auth", "client auth"));
        // The same labels on the Secret cert-manager writes, so the operator's informer sees it change.
        certificateSpec.put("secretTemplate", Map.of("labels", Labels.of(names)));
        GenericKubernetesResource certificate = named(store);
        certificate.setAdditionalProperty("spec", certificateSpec);
        return certificate;
    }
}
