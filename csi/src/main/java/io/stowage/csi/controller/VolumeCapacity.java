package io.stowage.csi.controller;

import io.grpc.Status;
import io.stowage.backend.BucketQuota;
import io.stowage.csi.CsiException;
import io.stowage.csi.v1.CapacityRange;

/**
 * A volume's capacity in bytes, from CreateVolume's capacity_range: {@code required_bytes}, or
 * {@code limit_bytes} when only that is set; 0 when neither is (no limit). On a bucket volume it is the
 * bucket's hard quota, so a full volume refuses writes.
 */
public record VolumeCapacity(long bytes) {

    public static final VolumeCapacity UNLIMITED = new VolumeCapacity(0);

    public VolumeCapacity {
        if (bytes < 0) {
            throw new IllegalArgumentException("a capacity is not negative");
        }
    }

    /**
     * @throws CsiException INVALID_ARGUMENT for a negative bound, OUT_OF_RANGE when the limit is below what is required
     */
    public static VolumeCapacity of(CapacityRange range) throws CsiException {
        long required = range.getRequiredBytes();
        long limit = range.getLimitBytes();
        if (required < 0 || limit < 0) {
            throw CsiException.invalidArgument("capacity_range must not be negative");
        }
        if (limit > 0 && required > limit) {
            throw new CsiException(Status.Code.OUT_OF_RANGE, "capacity_range: required_bytes " + required
                    + " is more than limit_bytes " + limit);
        }
        return new VolumeCapacity(required > 0 ? required : limit);
    }

    public boolean limited() {
        return bytes > 0;
    }

    /** The bucket quota that enforces it. */
    public BucketQuota quota() {
        return new BucketQuota(bytes, 0);
    }
}
