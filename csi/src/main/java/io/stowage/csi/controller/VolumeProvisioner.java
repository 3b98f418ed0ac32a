package io.stowage.csi.controller;

import io.grpc.Status;
import io.stowage.backend.AccessKey;
import io.stowage.backend.BackendException;
import io.stowage.backend.BucketBackend;
import io.stowage.backend.BucketBackends;
import io.stowage.backend.BucketQuota;
import io.stowage.backend.BucketState;
import io.stowage.backend.s3.S3ObjectClient;
import io.stowage.csi.BucketNames;
import io.stowage.csi.CsiException;
import io.stowage.csi.VolumeContext;
import io.stowage.csi.VolumeHandle;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, finds and deletes volumes on the backend the secrets name, opened for the one call.
 *
 * <p>A volume is a bucket of its own, named after the CSI volume name ({@link BucketNames#derive}), with the
 * requested capacity as its hard quota: the backend refuses writes past it. With the StorageClass parameter
 * {@code bucket}, a volume is a prefix {@code <name>/} of that shared bucket instead (the bucket created, without a
 * quota, when missing), with the capacity as the hard quota of that prefix; a volume without a capacity has no
 * prefix quota.
 *
 * <p>CreateVolume is idempotent on the name: the same name finds the same bucket or prefix, and answers it when its
 * quota is the requested capacity, ALREADY_EXISTS when it is another. A prefix without a quota that already holds
 * objects is a volume made without a capacity, so asking for one is ALREADY_EXISTS too.
 *
 * <p>What CreateVolume makes carries a {@link VolumeMarks mark}, and DeleteVolume deletes only what is marked. A
 * bucket or prefix of the volume's name that exists without the mark is refused with ALREADY_EXISTS, so that no one's
 * data becomes a volume that DeleteVolume would purge; the one exception is a bucket that is untagged, empty and has
 * the requested quota (what a crash between creating the bucket and tagging it leaves), which is tagged and answered.
 * A prefix is marked before its quota is set, so a crash there leaves a marked prefix that the retry completes.
 *
 * <p>A backend that cannot enforce the capacity (no bucket quotas, or no prefix quotas for a shared bucket) is
 * refused with FAILED_PRECONDITION before anything is made, unless the StorageClass says {@code enforceCapacity:
 * "false"}: then the volume has no quota, and its capacity is only what the CO asked for.
 */
final class VolumeProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeProvisioner.class);

    /** A volume as CreateVolume answers it. */
    record Provisioned(VolumeHandle handle, VolumeCapacity capacity) {
    }

    Provisioned create(String name, VolumeCapacity capacity, VolumeParameters parameters, VolumeSecrets secrets)
            throws CsiException {
        if (parameters.bucket().isPresent()) {
            // checked now: without the key, DeleteVolume could never empty the prefix
            secrets.requireS3Key("a volume in a shared bucket");
        }
        VolumeCapacity quota = parameters.enforceCapacity() ? capacity : VolumeCapacity.UNLIMITED;
        try (BucketBackend backend = open(secrets)) {
            requireQuotas(name, quota, parameters, backend);
            Provisioned made = parameters.bucket().isPresent()
                    ? createPrefix(name, quota, parameters.bucket().get(), secrets, backend)
                    : createBucket(name, quota, secrets, backend);
            return new Provisioned(made.handle(), capacity);
        } catch (BackendException e) {
            throw BackendFailures.of("volume " + name, e);
        }
    }

    private static void requireQuotas(String name, VolumeCapacity quota, VolumeParameters parameters,
                                      BucketBackend backend) throws CsiException {
        if (!quota.limited()) {
            return;
        }
        boolean shared = parameters.bucket().isPresent();
        if (shared ? !backend.capabilities().prefixQuota() : !backend.capabilities().bucketQuota()) {
            throw new CsiException(Status.Code.FAILED_PRECONDITION, "volume " + name + ": the backend cannot enforce a"
                    + " capacity on " + (shared ? "a prefix of a shared bucket (it has no prefix quotas)"
                    : "a bucket (it has no bucket quotas)") + "; set the StorageClass parameter "
                    + VolumeParameters.ENFORCE_CAPACITY + ": \"false\" to provision volumes without a limit");
        }
    }

    private Provisioned createBucket(String name, VolumeCapacity capacity, VolumeSecrets secrets, BucketBackend backend)
            throws CsiException {
        if (!backend.capabilities().bucketTags()) {
            throw new CsiException(Status.Code.FAILED_PRECONDITION, "volume " + name + ": the backend has no bucket tags,"
                    + " so a bucket of its own could not be told from someone else's bucket of that name; set the"
                    + " StorageClass parameter " + VolumeContext.BUCKET + " to provision volumes in a shared bucket");
        }
        String bucket = BucketNames.derive(name, BucketNames.MAX_LENGTH);
        BucketState state = backend.findBucket(bucket)
                .orElseGet(() -> backend.createBucket(bucket, capacity.quota(), secrets.bucketOwner()));
        if (state.created()) {
            VolumeMarks.markBucket(backend, bucket, name);
            LOG.info("Created volume {} for {}: bucket {} with {}", VolumeHandle.dynamicBucket(bucket), name, bucket,
                    describe(capacity.bytes()));
        } else if (!VolumeMarks.bucketMarked(backend, bucket)) {
            adoptUnmarked(name, bucket, state, capacity, secrets, backend);
        }
        if (state.quota().maxBytes() != capacity.bytes()) {
            throw new CsiException(Status.Code.ALREADY_EXISTS, "volume " + name + " exists (bucket " + bucket + ") with "
                    + describe(state.quota().maxBytes()) + "; this request asks for " + describe(capacity.bytes()));
        }
        return new Provisioned(VolumeHandle.dynamicBucket(bucket), capacity);
    }

    // An existing bucket of the volume's name without the volume's tag is this driver's only when a crash came between
    // creating and tagging it: then it is untagged, empty (no one had the volume yet) and has the requested quota.
    private static void adoptUnmarked(String name, String bucket, BucketState state, VolumeCapacity capacity,
                                      VolumeSecrets secrets, BucketBackend backend) throws CsiException {
        if (state.quota().maxBytes() == capacity.bytes() && VolumeMarks.bucketUntagged(backend, bucket)
                && secrets.s3Key().isPresent()) {
            try (S3ObjectClient s3 = S3ObjectClient.open(backend.endpoint(), secrets.s3Key().get())) {
                if (VolumeMarks.empty(s3, bucket, "")) {
                    VolumeMarks.markBucket(backend, bucket, name);
                    LOG.info("Volume {} for {}: tagged the empty, untagged bucket {} with {} as its own",
                            VolumeHandle.dynamicBucket(bucket), name, bucket, describe(capacity.bytes()));
                    return;
                }
            }
        }
        throw new CsiException(Status.Code.ALREADY_EXISTS, "volume " + name + ": the bucket " + bucket + " exists and"
                + " this driver did not make it (it has no " + VolumeMarks.TAG + " tag naming the volume); only an empty,"
                + " untagged bucket with the requested capacity is taken over, and only with an S3 key in the secrets");
    }

    private Provisioned createPrefix(String name, VolumeCapacity capacity, String sharedBucket, VolumeSecrets secrets,
                                    BucketBackend backend) throws CsiException {
        BucketState shared = backend.createBucket(sharedBucket, BucketQuota.NONE, secrets.bucketOwner());
        if (shared.created()) {
            LOG.info("Created the shared bucket {}", sharedBucket);
        }
        VolumeHandle handle = VolumeHandle.dynamicPrefix(sharedBucket, BucketNames.derive(name, VolumeHandle.MAX_PREFIX_LENGTH));
        String prefix = handle.objectPrefix();
        try (S3ObjectClient s3 = S3ObjectClient.open(backend.endpoint(), secrets.requireS3Key("a volume in a shared bucket"))) {
            if (!VolumeMarks.prefixMarked(s3, handle)) {
                boolean unclaimed = VolumeMarks.empty(s3, sharedBucket, prefix)
                        && (!backend.capabilities().prefixQuota() || backend.prefixQuota(sharedBucket, prefix).isEmpty());
                if (!unclaimed) {
                    throw new CsiException(Status.Code.ALREADY_EXISTS, "volume " + name + ": the prefix " + prefix
                            + " of the shared bucket " + sharedBucket + " holds objects or a quota, and this driver did"
                            + " not make it (it has no marker " + VolumeMarks.markerKey(handle) + ")");
                }
                VolumeMarks.markPrefix(s3, handle, name);
            }
        }
        if (!backend.capabilities().prefixQuota()) {
            // requireQuotas let only an unlimited volume through: there is no quota to look at or set
            LOG.info("Volume {} for {}: prefix {} of the shared bucket {}, without a quota", handle, name, prefix, sharedBucket);
            return new Provisioned(handle, capacity);
        }
        Optional<BucketQuota> existing = backend.prefixQuota(sharedBucket, prefix);
        long existingBytes = existing.map(BucketQuota::maxBytes).orElse(0L);
        if (existing.isPresent() && existingBytes != capacity.bytes()) {
            throw alreadyExists(name, handle, existingBytes, capacity);
        }
        if (existing.isEmpty() && capacity.limited()) {
            try {
                backend.setPrefixQuota(sharedBucket, prefix, capacity.quota());
            } catch (BackendException e) {
                if (e.reason() != BackendException.Reason.CONFLICT) {
                    throw e;
                }
                // the prefix holds objects but has no quota: a volume of that name made without a capacity
                throw alreadyExists(name, handle, 0, capacity);
            }
        }
        LOG.info("Volume {} for {}: prefix {} of the shared bucket {} with {}", handle, name, prefix, sharedBucket,
                describe(capacity.bytes()));
        return new Provisioned(handle, capacity);
    }

    private static CsiException alreadyExists(String name, VolumeHandle handle, long existingBytes,
                                              VolumeCapacity requested) {
        return new CsiException(Status.Code.ALREADY_EXISTS, "volume " + name + " exists (" + handle.objectPrefix()
                + " in the shared bucket " + handle.bucket() + ") with " + describe(existingBytes)
                + "; this request asks for " + describe(requested.bytes()));
    }

    /** Deletes what CreateVolume made for this dynamic handle; what is already gone is success. */
    void delete(VolumeHandle handle, VolumeSecrets secrets) throws CsiException {
        if (!handle.dynamic()) {
            throw new IllegalArgumentException("static volumes are never deleted: " + handle);
        }
        AccessKey s3Key = handle.hasPrefix() ? secrets.requireS3Key("deleting a volume in a shared bucket") : null;
        try (BucketBackend backend = open(secrets)) {
            if (handle.hasPrefix()) {
                try (S3ObjectClient s3 = S3ObjectClient.open(backend.endpoint(), s3Key)) {
                    deletePrefix(handle, s3, backend);
                }
            } else if (backend.findBucket(handle.bucket()).isEmpty()) {
                LOG.info("DeleteVolume of {}: its bucket {} is gone already", handle, handle.bucket());
            } else if (!backend.capabilities().bucketTags() || !VolumeMarks.bucketMarked(backend, handle.bucket())) {
                LOG.warn("DeleteVolume of {}: the bucket {} has no {} tag naming the volume, so this driver did not make"
                        + " it; left as it is", handle, handle.bucket(), VolumeMarks.TAG);
            } else {
                backend.deleteBucket(handle.bucket(), true);
                LOG.info("Deleted volume {}: bucket {} with its objects", handle, handle.bucket());
            }
        } catch (BackendException e) {
            throw BackendFailures.of("volume " + handle, e);
        }
    }

    private static void deletePrefix(VolumeHandle handle, S3ObjectClient s3, BucketBackend backend) {
        if (!VolumeMarks.prefixMarked(s3, handle)) {
            LOG.warn("DeleteVolume of {}: no marker {} in the shared bucket {}, so the volume is deleted already or this"
                    + " driver did not make it; its prefix is left as it is", handle, VolumeMarks.markerKey(handle),
                    handle.bucket());
            return;
        }
        long deleted = s3.deletePrefix(handle.bucket(), handle.objectPrefix());
        // the quota and then the marker go last: a DeleteVolume that fails halfway leaves a bounded, marked volume,
        // and its retry ends it
        if (backend.capabilities().prefixQuota()) {
            backend.deletePrefixQuota(handle.bucket(), handle.objectPrefix());
        }
        VolumeMarks.unmarkPrefix(s3, handle);
        LOG.info("Deleted volume {}: {} objects under {} in the shared bucket {}, its quota and its marker", handle,
                deleted, handle.objectPrefix(), handle.bucket());
    }

    /**
     * Whether the volume exists: its bucket, and for a dynamic volume in a shared bucket also its {@link VolumeMarks
     * marker}, which CreateVolume writes and DeleteVolume removes. Without an S3 key in the secrets the marker cannot
     * be read, so such a volume is then taken to exist when its shared bucket does (the bucket alone is what is
     * checked for every other volume too).
     */
    boolean exists(VolumeHandle handle, VolumeSecrets secrets) throws CsiException {
        try (BucketBackend backend = open(secrets)) {
            if (backend.findBucket(handle.bucket()).isEmpty()) {
                return false;
            }
            if (!handle.dynamic() || !handle.hasPrefix() || secrets.s3Key().isEmpty()) {
                return true;
            }
            try (S3ObjectClient s3 = S3ObjectClient.open(backend.endpoint(), secrets.s3Key().get())) {
                return VolumeMarks.prefixMarked(s3, handle);
            }
        } catch (BackendException e) {
            throw BackendFailures.of("volume " + handle, e);
        }
    }

    private static BucketBackend open(VolumeSecrets secrets) throws CsiException {
        try {
            return BucketBackends.open(secrets.backend());
        } catch (IllegalArgumentException e) {
            // a caBundle whose PEM blocks are not certificates
            throw CsiException.invalidArgument("secrets: " + e.getMessage());
        }
    }

    private static String describe(long bytes) {
        return bytes == 0 ? "no capacity limit" : "a capacity of " + bytes + " bytes";
    }
}
