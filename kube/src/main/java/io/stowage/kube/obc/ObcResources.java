package io.stowage.kube.obc;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stowage.backend.AccessKey;
import io.stowage.backend.S3Endpoint;
import io.stowage.kube.model.SecretData;
import io.stowage.kube.provision.ConnectionData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a bound claim gets, as lib-bucket-provisioner writes them: a Secret and a ConfigMap named
 * like the claim (owned by it, with the library's finalizer and label) and the cluster-scoped
 * ObjectBucket {@code obc-<namespace>-<name>}. Pure functions: no client call.
 *
 * <p>The Secret holds {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}; the ConfigMap the
 * {@link ConnectionData}.
 */
public final class ObcResources {

    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

    /** ObjectBucket additionalState: the backend Secret, so that deletion finds the backend without the class. */
    public static final String STATE_BACKEND = "stowage.io/backend";
    /** ObjectBucket additionalState: the claim's backend account. */
    public static final String STATE_ACCOUNT = "stowage.io/account";
    /** ObjectBucket additionalState: {@code created} (the claim's own bucket) or {@code existing}. */
    public static final String STATE_ORIGIN = "stowage.io/bucket-origin";

    private ObcResources() {
    }

    /**
     * The claim's Secret with this key.
     *
     * @param rotated the rotation request this key answers (the claim's annotation then), or null
     */
    public static Secret secret(ObjectBucketClaim claim, AccessKey key, String rotated) {
        ObjectMeta meta = ownedMetadata(claim);
        if (rotated != null) {
            meta.getAnnotations().put(ObcNames.ROTATED_ANNOTATION, rotated);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ACCESS_KEY_ID, SecretData.encode(key.id()));
        data.put(SECRET_ACCESS_KEY, SecretData.encode(key.secret()));
        return new SecretBuilder().withMetadata(meta).withType("Opaque").withData(data).build();
    }

    /** The key a Secret holds, if it holds one. */
    public static Optional<AccessKey> key(Secret secret) {
        String id = SecretData.decode(secret, ACCESS_KEY_ID);
        String value = SecretData.decode(secret, SECRET_ACCESS_KEY);
        return id == null || id.isEmpty() || value == null || value.isEmpty() ? Optional.empty()
                : Optional.of(new AccessKey(id, value));
    }

    /** The rotation request a Secret's key answers, or null. */
    public static String rotated(Secret secret) {
        return secret.getMetadata().getAnnotations() == null ? null
                : secret.getMetadata().getAnnotations().get(ObcNames.ROTATED_ANNOTATION);
    }

    /** Whether the object is one this claim owns (and not a namesake someone else made). */
    public static boolean ownedBy(io.fabric8.kubernetes.api.model.HasMetadata object, ObjectBucketClaim claim) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> claim.getMetadata().getUid().equals(r.getUid()));
    }

    public static ConfigMap configMap(ObjectBucketClaim claim, String bucket, S3Endpoint endpoint) {
        return new ConfigMapBuilder().withMetadata(ownedMetadata(claim)).withData(ConnectionData.of(bucket, endpoint)).build();
    }

    /**
     * The claim's ObjectBucket.
     *
     * @param created whether the claim created the bucket (rather than being granted an existing one)
     */
    public static ObjectBucket objectBucket(ObjectBucketClaim claim, ObcRequest request, String bucket,
            S3Endpoint endpoint, boolean created) {
        ObjectBucket ob = new ObjectBucket();
        ob.setMetadata(new ObjectMetaBuilder()
                .withName(ObcNames.objectBucketName(claim.getMetadata().getNamespace(), claim.getMetadata().getName()))
                .withLabels(Map.of(ObcNames.LABEL, ObcNames.LABEL_VALUE))
                .withFinalizers(ObcNames.FINALIZER)
                .build());
        ObjectBucketSpec spec = ob.getSpec();
        spec.setStorageClassName(claim.getSpec().getStorageClassName());
        spec.setReclaimPolicy(request.reclaimPolicy());
        spec.setClaimRef(new ObjectReferenceBuilder()
                .withApiVersion(claim.getApiVersion())
                .withKind(claim.getKind())
                .withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid())
                .build());
        BucketEndpoint where = new BucketEndpoint();
        where.setBucketHost(endpoint.host());
        where.setBucketPort(endpoint.port());
        where.setBucketName(bucket);
        where.setRegion(endpoint.region());
        where.setSubRegion("");
        spec.setEndpoint(where);
        spec.setAdditionalState(new LinkedHashMap<>(Map.of(
                STATE_BACKEND, request.backend().toString(),
                STATE_ACCOUNT, ObcNames.account(claim.getMetadata().getUid()),
                STATE_ORIGIN, created ? "created" : "existing")));
        return ob;
    }

    private static ObjectMeta ownedMetadata(ObjectBucketClaim claim) {
        return new ObjectMetaBuilder()
                .withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .withLabels(new LinkedHashMap<>(Map.of(ObcNames.LABEL, ObcNames.LABEL_VALUE)))
                .withAnnotations(new LinkedHashMap<>())
                .withFinalizers(List.of(ObcNames.FINALIZER))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(claim.getApiVersion())
                        .withKind(claim.getKind())
                        .withName(claim.getMetadata().getName())
                        .withUid(claim.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build();
    }
}
