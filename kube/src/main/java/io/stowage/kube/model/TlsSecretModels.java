package io.stowage.kube.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.kube.crd.ObjectStore;
import java.util.Map;
import java.util.TreeMap;

/** The Secrets of the operator TLS mode: the CA (certificate and key) and the server certificate. */
public final class TlsSecretModels {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";

    private TlsSecretModels() {
    }

    /** NAME-ca: only the operator reads it; the pods and clients get ca.crt from NAME-tls. */
    public static Secret ca(ObjectStore store, String caCertPem, String caKeyPem) {
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(store, ObjectStoreNames.of(store).caSecret()))
                .withType("Opaque")
                .withData(new TreeMap<>(Map.of(CA_CERT, SecretData.encode(caCertPem), CA_KEY, SecretData.encode(caKeyPem))))
                .build();
    }

    /** NAME-tls as kubernetes.io/tls, plus the CA certificate that signed it. */
    public static Secret server(ObjectStore store, String certPem, String keyPem, String caCertPem) {
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(store, ObjectStoreNames.of(store).tlsSecret()))
                .withType("kubernetes.io/tls")
                .withData(new TreeMap<>(Map.of(TLS_CERT, SecretData.encode(certPem), TLS_KEY, SecretData.encode(keyPem),
                        CA_CERT, SecretData.encode(caCertPem))))
                .build();
    }
}
