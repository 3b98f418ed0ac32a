package io.stowage.kube.secretclaim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stowage.backend.AccessMode;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.ClaimRefusedException;
import io.stowage.kube.provision.ProvisioningAnnotations;
import io.stowage.kube.provision.QuotaParameters;
import java.util.Map;

/** The annotations that make a Secret a bucket claim, and those the provisioner writes on it. */
public final class ClaimAnnotations {

    /** s3-resource-operator's annotation, so that its users' Secrets work unchanged. */
    public static final String S3_RESOURCE_OPERATOR = "s3-resource-operator.io/enabled";
    /** Stowage's own. */
    public static final String STOWAGE = "stowage.io/bucket-provisioner";
    /** The backend Secret: {@code name} in the Secret's namespace, or {@code namespace/name}. */
    public static final String BACKEND_SECRET = "stowage.io/backend-secret";
    /** The bucket's size quota, a quantity such as {@code 10Gi}; absent: no limit. */
    public static final String MAX_SIZE = ProvisioningAnnotations.MAX_SIZE;
    /** The bucket's object-count quota; absent: no limit. */
    public static final String MAX_OBJECTS = ProvisioningAnnotations.MAX_OBJECTS;
    /**
     * {@code read-write} (absent: the same), the Secret's own bucket; or {@code read-only}, a key that reads a bucket
     * an annotated read-write Secret of the namespace owns.
     */
    public static final String ACCESS = "stowage.io/access";
    /**
     * Written by the provisioner: the fingerprint of the fields last provisioned. A Secret whose fields
     * still match costs no backend call; removing the annotation makes the provisioner apply it again.
     */
    public static final String PROVISIONED = "stowage.io/provisioned";

    private ClaimAnnotations() {
    }

    /** Whether either enabling annotation is {@code "true"}. */
    public static boolean enabled(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations != null
                && ("true".equals(annotations.get(S3_RESOURCE_OPERATOR)) || "true".equals(annotations.get(STOWAGE)));
    }

    /**
     * The bucket quota the Secret's annotations ask for.
     *
     * @throws ClaimRefusedException InvalidQuota, naming the annotation
     */
    static BucketQuota quota(HasMetadata resource) throws ClaimRefusedException {
        try {
            return QuotaParameters.fromAnnotations(resource.getMetadata().getAnnotations(), BucketQuota.NONE);
        } catch (InvalidSpecException e) {
            throw new ClaimRefusedException("InvalidQuota", e.getMessage());
        }
    }

    /**
     * The access the Secret's {@link #ACCESS} annotation asks for.
     *
     * @throws ClaimRefusedException InvalidAccess, for anything but {@code read-write} and {@code read-only}
     */
    static AccessMode access(HasMetadata resource) throws ClaimRefusedException {
        if (readWrite(resource)) {
            return AccessMode.READ_WRITE;
        }
        String value = get(resource, ACCESS);
        if (value.equals(AccessMode.READ_ONLY.wireName())) {
            return AccessMode.READ_ONLY;
        }
        throw new ClaimRefusedException("InvalidAccess", "annotation " + ACCESS + " must be read-write or read-only, not '"
                + value + "': nothing was created");
    }

    /** Whether the Secret asks for read-write access: {@link #ACCESS} is {@code read-write} or absent. */
    static boolean readWrite(HasMetadata resource) {
        String value = get(resource, ACCESS);
        return value == null || value.equals(AccessMode.READ_WRITE.wireName());
    }

    /** Whether the Secret has either quota annotation, whatever its value. */
    static boolean asksForQuota(HasMetadata resource) {
        return get(resource, MAX_SIZE) != null || get(resource, MAX_OBJECTS) != null;
    }

    /** The annotation's value, or null. */
    static String get(HasMetadata resource, String annotation) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(annotation);
    }
}
