package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.cosi.crd.BucketClaim;
import io.stowage.kube.model.InvalidSpecException;
import io.stowage.kube.provision.ProvisioningAnnotations;
import io.stowage.kube.provision.QuotaParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/** The annotations by which users steer the COSI reconcilers beyond what the COSI API offers. */
public final class CosiAnnotations {

    /**
     * On a BucketAccess: a new value asks for new credentials. The old key stops working only after the
     * Secret holds the new one.
     */
    public static final String ROTATE_CREDENTIALS = ProvisioningAnnotations.ROTATE_CREDENTIALS;
    /** On a BucketAccess: the value of {@link #ROTATE_CREDENTIALS} last carried out. */
    public static final String CREDENTIALS_ROTATED = ProvisioningAnnotations.CREDENTIALS_ROTATED;
    /**
     * On a BucketClaim, Bucket or BucketAccess: {@code "true"} lets its deletion release the finalizers
     * without calling the backend, for a backend that is gone or broken. What the backend holds stays there.
     */
    public static final String ABANDON = ProvisioningAnnotations.ABANDON;
    /**
     * On a BucketClaim: the size quota of the bucket the driver creates for it, a quantity such as
     * {@code 10Gi}, over the BucketClass's {@code maxSize}; the bucket follows its changes.
     */
    public static final String MAX_SIZE = ProvisioningAnnotations.MAX_SIZE;
    /** On a BucketClaim: likewise the object-count quota, over the class's {@code maxObjects}. */
    public static final String MAX_OBJECTS = ProvisioningAnnotations.MAX_OBJECTS;

    private CosiAnnotations() {
    }

    public static boolean abandoned(HasMetadata object) {
        return object != null && "true".equalsIgnoreCase(annotation(object, ABANDON));
    }

    /** The rotation the user asked for and that is not carried out yet, or null. */
    public static String pendingRotation(HasMetadata access) {
        String requested = annotation(access, ROTATE_CREDENTIALS);
        return requested == null || requested.equals(annotation(access, CREDENTIALS_ROTATED)) ? null : requested;
    }

    /**
     * The quota the claim's annotations ask for, each limit over the class's when set.
     *
     * @param claim the claim, or null (a Bucket without one keeps the class's quota)
     */
    static BucketQuota quota(BucketClaim claim, BucketQuota classQuota) throws InvalidSpecException {
        return claim == null ? classQuota : QuotaParameters.fromAnnotations(claim.getMetadata().getAnnotations(), classQuota);
    }

    /** Sets an annotation on a copy about to be written. */
    static void set(HasMetadata object, String key, String value) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.put(key, value);
        object.getMetadata().setAnnotations(annotations);
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
