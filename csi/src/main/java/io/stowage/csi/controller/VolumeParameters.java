package io.stowage.csi.controller;

import io.stowage.csi.BucketNames;
import io.stowage.csi.CsiException;
import io.stowage.csi.VolumeContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A StorageClass's parameters for this driver, as CreateVolume receives them:
 *
 * <ul>
 *   <li>{@code mounter}: the FUSE file system that mounts the volume ({@code s3fs}, {@code rclone}, {@code geesefs});
 *       the node plugin's default when absent
 *   <li>{@code options}: extra mount options for the mounter, passed as written
 *   <li>{@code bucket}: a shared bucket whose prefixes are the volumes; absent, each volume is a bucket of its own
 *   <li>{@code enforceCapacity}: {@code "true"} (the default) makes the requested capacity a hard quota and refuses a
 *       backend that cannot enforce one; {@code "false"} provisions without a quota, for backends without quotas
 * </ul>
 *
 * Other keys are refused, so a misspelt one does not silently change what is provisioned; those under
 * {@code csi.storage.k8s.io/} (csi-provisioner's own, such as the PVC name with {@code --extra-create-metadata})
 * are allowed and ignored.
 */
public record VolumeParameters(Optional<String> mounter, Optional<String> options, Optional<String> bucket,
                               boolean enforceCapacity) {

    public static final Set<String> MOUNTERS = Set.of("s3fs", "rclone", "geesefs");
    public static final String ENFORCE_CAPACITY = "enforceCapacity";
    private static final Set<String> KNOWN = Set.of(VolumeContext.MOUNTER, VolumeContext.OPTIONS, VolumeContext.BUCKET,
            ENFORCE_CAPACITY);
    private static final String PROVISIONER_KEYS = "csi.storage.k8s.io/";

    /** @throws CsiException INVALID_ARGUMENT naming the unknown key or the wrong value */
    public static VolumeParameters parse(Map<String, String> parameters) throws CsiException {
        for (String key : parameters.keySet()) {
            if (!KNOWN.contains(key) && !key.startsWith(PROVISIONER_KEYS)) {
                throw CsiException.invalidArgument("unknown StorageClass parameter '" + key + "'; known: "
                        + VolumeContext.MOUNTER + ", " + VolumeContext.OPTIONS + ", " + VolumeContext.BUCKET + ", "
                        + ENFORCE_CAPACITY);
            }
        }
        Optional<String> mounter = value(parameters, VolumeContext.MOUNTER);
        if (mounter.isPresent() && !MOUNTERS.contains(mounter.get())) {
            throw CsiException.invalidArgument("StorageClass parameter mounter: '" + mounter.get() + "' is not one of "
                    + MOUNTERS.stream().sorted().toList());
        }
        Optional<String> bucket = value(parameters, VolumeContext.BUCKET);
        if (bucket.isPresent()) {
            Optional<String> problem = BucketNames.problem(bucket.get());
            if (problem.isPresent()) {
                throw CsiException.invalidArgument("StorageClass parameter bucket: '" + bucket.get() + "': " + problem.get());
            }
        }
        String enforce = value(parameters, ENFORCE_CAPACITY).orElse("true");
        if (!enforce.equals("true") && !enforce.equals("false")) {
            throw CsiException.invalidArgument("StorageClass parameter " + ENFORCE_CAPACITY + ": '" + enforce
                    + "' is neither \"true\" nor \"false\"");
        }
        return new VolumeParameters(mounter, value(parameters, VolumeContext.OPTIONS), bucket, enforce.equals("true"));
    }

    private static Optional<String> value(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The volume_context the node plugin mounts with: these parameters and the capacity. */
    public Map<String, String> volumeContext(VolumeCapacity capacity) {
        Map<String, String> context = new LinkedHashMap<>();
        mounter.ifPresent(m -> context.put(VolumeContext.MOUNTER, m));
        options.ifPresent(o -> context.put(VolumeContext.OPTIONS, o));
        bucket.ifPresent(b -> context.put(VolumeContext.BUCKET, b));
        context.put(VolumeContext.CAPACITY, Long.toString(capacity.bytes()));
        return context;
    }
}
