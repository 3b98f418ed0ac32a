package io.stowage.kube.provision;

import io.fabric8.kubernetes.api.model.Quantity;
import io.stowage.backend.BucketQuota;
import io.stowage.kube.model.InvalidSpecException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A bucket quota as classes and claims write it: {@code maxSize} a Kubernetes quantity ({@code 10Gi},
 * {@code 500M}), {@code maxObjects} a whole number; either absent for no limit on it.
 */
public final class QuotaParameters {

    public static final String MAX_SIZE = "maxSize";
    public static final String MAX_OBJECTS = "maxObjects";

    private QuotaParameters() {
    }

    /**
     * @param fallback the limits that apply where {@code parameters} set none
     * @param where what the parameters came from, for the message when one is wrong
     */
    public static BucketQuota read(Map<String, String> parameters, BucketQuota fallback, String where)
            throws InvalidSpecException {
        long maxBytes = fallback.maxBytes();
        long maxObjects = fallback.maxObjects();
        String size = parameters.get(MAX_SIZE);
        if (size != null) {
            maxBytes = bytes(size.trim(), where);
        }
        String objects = parameters.get(MAX_OBJECTS);
        if (objects != null) {
            try {
                maxObjects = Long.parseLong(objects.trim());
            } catch (NumberFormatException e) {
                maxObjects = -1;
            }
            if (maxObjects < 0) {
                throw new InvalidSpecException(where + ": " + MAX_OBJECTS + " must be a whole number of objects, not '" + objects + "'");
            }
        }
        return new BucketQuota(maxBytes, maxObjects);
    }

    /**
     * The quota that the annotations {@link ProvisioningAnnotations#MAX_SIZE} and
     * {@link ProvisioningAnnotations#MAX_OBJECTS} ask for, each limit over the fallback's when present.
     *
     * @param annotations an object's annotations, or null
     */
    public static BucketQuota fromAnnotations(Map<String, String> annotations, BucketQuota fallback)
            throws InvalidSpecException {
        if (annotations == null) {
            return fallback;
        }
        Map<String, String> limits = new HashMap<>();
        if (annotations.get(ProvisioningAnnotations.MAX_SIZE) != null) {
            limits.put(MAX_SIZE, annotations.get(ProvisioningAnnotations.MAX_SIZE));
        }
        if (annotations.get(ProvisioningAnnotations.MAX_OBJECTS) != null) {
            limits.put(MAX_OBJECTS, annotations.get(ProvisioningAnnotations.MAX_OBJECTS));
        }
        return read(limits, fallback, "annotations " + ProvisioningAnnotations.MAX_SIZE + "/" + ProvisioningAnnotations.MAX_OBJECTS);
    }

    /** The quota as events tell it: {@code maxSize 1048576 bytes, maxObjects unlimited}. */
    public static String describe(BucketQuota quota) {
        return MAX_SIZE + " " + (quota.maxBytes() == 0 ? "unlimited" : quota.maxBytes() + " bytes")
                + ", " + MAX_OBJECTS + " " + (quota.maxObjects() == 0 ? "unlimited" : quota.maxObjects());
    }

    private static long bytes(String size, String where) throws InvalidSpecException {
        try {
            BigDecimal amount = Quantity.getAmountInBytes(Quantity.parse(size));
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("not a whole, non-negative number of bytes");
            }
            return amount.longValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidSpecException(where + ": " + MAX_SIZE + " must be a whole number of bytes such as 10Gi or 500M, not '" + size + "'");
        }
    }
}
