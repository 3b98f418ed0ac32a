package io.stowage.kube.cosi.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.kube.cosi.GrantedAccess;
import io.stowage.kube.cosi.crd.BucketAccess;
import io.stowage.kube.cosi.crd.CosiApi;
import io.stowage.kube.model.Labels;
import io.stowage.kube.model.SecretData;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secret a BucketAccess's credentials go to, in COSI v1alpha1's format: one key {@code BucketInfo}
 * holding the JSON document the upstream sidecar writes. When the endpoint's TLS certificate needs a CA
 * bundle to be trusted, it goes to a second key, {@code ca.crt}, and not into the document: a field
 * COSI does not define could break clients that parse BucketInfo strictly, and a key of its own mounts as
 * a PEM file that S3 clients can point at (AWS_CA_BUNDLE).
 *
 * <p>BucketInfo lacks what a client needs beyond a key and a host: the bucket's name on the backend
 * (BucketInfo names the Bucket object, which differs for an existing bucket) and the addressing style.
 * So the Secret also carries COSI v1alpha2's flat keys ({@code COSI_S3_BUCKET_ID}, {@code COSI_S3_ENDPOINT},
 * {@code COSI_S3_REGION}, {@code COSI_S3_ADDRESSING_STYLE}, {@code COSI_S3_ACCESS_KEY_ID},
 * {@code COSI_S3_ACCESS_SECRET_KEY}, {@code COSI_CERTIFICATE_AUTHORITY}): complete connection data for
 * {@code envFrom}, in the names workloads will read once COSI moves on.
 */
public final class CredentialsSecret {

    public static final String BUCKET_INFO = "BucketInfo";
    public static final String CA_BUNDLE = "ca.crt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialsSecret() {
    }

    /**
     * @param bucketName the Bucket object's name (COSI puts that, not the backend's bucket id, in BucketInfo)
     */
    public static Secret of(BucketAccess access, String bucketName, GrantedAccess granted) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(BUCKET_INFO, SecretData.encode(bucketInfo(access, bucketName, granted)));
        data.put("COSI_PROTOCOL", SecretData.encode("S3"));
        data.put("COSI_S3_BUCKET_ID", SecretData.encode(granted.bucket()));
        data.put("COSI_S3_ENDPOINT", SecretData.encode(granted.endpoint().urlWithPort()));
        data.put("COSI_S3_REGION", SecretData.encode(granted.endpoint().region()));
        data.put("COSI_S3_ADDRESSING_STYLE", SecretData.encode(granted.endpoint().addressingStyle().wireName()));
        data.put("COSI_S3_ACCESS_KEY_ID", SecretData.encode(granted.key().id()));
        data.put("COSI_S3_ACCESS_SECRET_KEY", SecretData.encode(granted.key().secret()));
        if (granted.endpoint().caBundle() != null) {
            data.put(CA_BUNDLE, SecretData.encode(granted.endpoint().caBundle()));
            data.put("COSI_CERTIFICATE_AUTHORITY", SecretData.encode(granted.endpoint().caBundle()));
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(access.getSpec().getCredentialsSecretName())
                .withNamespace(access.getMetadata().getNamespace())
                .withLabels(Map.of(Labels.MANAGED_BY, Labels.OPERATOR))
                .withFinalizers(CosiApi.SECRET_PROTECTION)
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** Whether the sidecar (this one or the upstream one) wrote the Secret: it has the sidecar's finalizer. */
    public static boolean writtenBySidecar(Secret secret) {
        return secret.hasFinalizer(CosiApi.SECRET_PROTECTION);
    }

    /**
     * The access key id the Secret hands out, read from its BucketInfo (which the upstream sidecar writes too);
     * null when it has none that can be read.
     */
    public static String accessKeyId(Secret secret) {
        String info = SecretData.decode(secret, BUCKET_INFO);
        if (info == null) {
            return null;
        }
        try {
            String id = JSON.readTree(info).path("spec").path("secretS3").path("accessKeyID").asText("");
            return id.isBlank() ? null : id;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The BucketInfo document, as the upstream sidecar's client/apis/bucket_info.go marshals it. */
    static String bucketInfo(BucketAccess access, String bucketName, GrantedAccess granted) {
        Map<String, Object> secretS3 = new LinkedHashMap<>();
        secretS3.put("endpoint", granted.endpoint().urlWithPort());
        secretS3.put("region", granted.endpoint().region());
        secretS3.put("accessKeyID", granted.key().id());
        secretS3.put("accessSecretKey", granted.key().secret());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("bucketName", bucketName);
        spec.put("authenticationType", CosiApi.AUTHENTICATION_KEY);
        spec.put("secretS3", secretS3);
        spec.put("secretAzure", null);
        spec.put("protocols", List.of(CosiApi.PROTOCOL_S3));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("metadata", Map.of("name", CosiApi.bucketInfoName(access)));
        document.put("spec", spec);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
