package io.stowage.kube.obc;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.BackendRef;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.QuotaParameters;
import java.util.Map;

/**
 * What a claim asks of its backend, read from the claim and its StorageClass.
 *
 * <p>StorageClass parameters: {@code backendSecret} (the backend Secret, {@code namespace/name}),
 * {@code bucketName} (an existing bucket: access is granted, the bucket is never deleted),
 * {@code maxSize} (a quantity such as {@code 10Gi}) and {@code maxObjects}. The claim's
 * {@code additionalConfig} may set {@code maxSize} and {@code maxObjects} (overriding the class's) and
 * {@code access}: {@code read-write} (default) or {@code read-only}. Quotas and access may change after
 * binding; the bucket and the key follow. A quota applies to a bucket the claim creates: the class's
 * existing bucket is the admin's, and its quota is left as it is.
 *
 * @param bucketName the bucket, or null when a name is still to be generated from {@code generateBucketName}
 * @param brownfield whether the bucket exists already and is the StorageClass's, not the claim's
 * @param reclaimPolicy {@code Delete} or {@code Retain}
 */
public record ObcRequest(BackendRef backend, String bucketName, boolean brownfield, BucketQuota quota,
        AccessMode access, String reclaimPolicy) {

    public static final String BACKEND_SECRET = "backendSecret";
    public static final String BUCKET_NAME = "bucketName";
    public static final String ACCESS = "access";
    public static final String DELETE = "Delete";
    public static final String RETAIN = "Retain";

    /**
     * @throws ClaimRefusedException when the claim or class asks for something invalid (the reason says what)
     */
    public static ObcRequest of(ObjectBucketClaim claim, StorageClass storageClass) throws ClaimRefusedException {
        Map<String, String> parameters = storageClass.getParameters() == null ? Map.of() : storageClass.getParameters();
        Map<String, String> config = claim.getSpec().getAdditionalConfig() == null ? Map.of()
                : claim.getSpec().getAdditionalConfig();
        String className = storageClass.getMetadata().getName();
        BackendRef backend;
        try {
            backend = BackendRef.parse(parameters.get(BACKEND_SECRET), null,
                    "StorageClass " + className + " parameter " + BACKEND_SECRET);
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("InvalidParameter", e.getMessage());
        }
        String classBucket = blankToNull(parameters.get(BUCKET_NAME));
        String bucket = classBucket != null ? classBucket : blankToNull(claim.getSpec().getBucketName());
        if (bucket == null && blankToNull(claim.getSpec().getGenerateBucketName()) == null) {
            throw new ClaimRefusedException("InvalidParameter",
                    "neither spec.bucketName nor spec.generateBucketName is set, and StorageClass " + className
                            + " names no bucketName");
        }
        BucketQuota quota;
        try {
            quota = QuotaParameters.read(config,
                    QuotaParameters.read(parameters, BucketQuota.NONE, "StorageClass " + className + " parameters"),
                    "additionalConfig");
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("InvalidQuota", e.getMessage());
        }
        AccessMode access;
        try {
            access = config.get(ACCESS) == null ? AccessMode.READ_WRITE : AccessMode.of(config.get(ACCESS));
            if (access == AccessMode.WRITE_ONLY) {
                throw new IllegalArgumentException("access must be read-only or read-write: an ObjectBucketClaim's"
                        + " workload reads its bucket");
            }
        } catch (IllegalArgumentException e) {
            throw new ClaimRefusedException("InvalidParameter", "additionalConfig.access: " + e.getMessage());
        }
        String policy = storageClass.getReclaimPolicy() == null ? DELETE : storageClass.getReclaimPolicy();
        if (!policy.equals(DELETE) && !policy.equals(RETAIN)) {
            throw new ClaimRefusedException("InvalidParameter",
                    "StorageClass " + className + " reclaimPolicy must be Delete or Retain, not " + policy);
        }
        return new ObcRequest(backend, bucket, classBucket != null, quota, access, policy);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
