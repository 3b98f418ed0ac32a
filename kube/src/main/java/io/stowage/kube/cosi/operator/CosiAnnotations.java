package io.stowage.kube.cosi.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stowage.kube.provision.ProvisioningAnnotations;
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
