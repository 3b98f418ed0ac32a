package io.stowage.csi;

import java.util.Objects;
import java.util.Optional;

/**
 * A volume's id: the CSI {@code volume_id}, which is a PersistentVolume's {@code volumeHandle}. It says
 * where the volume's data lives (a bucket, or a prefix inside one) and whether the driver made it.
 *
 * <ul>
 *   <li>Dynamic, made by CreateVolume: {@code csi:<bucket>} for a bucket of its own, {@code csi:<bucket>/<prefix>}
 *       for a prefix of a shared bucket (the StorageClass parameter {@code bucket}). DeleteVolume deletes
 *       exactly this: the bucket with its objects, or the objects under {@code <prefix>/}.
 *   <li>Static, written by users in a PersistentVolume: {@code <bucket>} or {@code <bucket>/<prefix>} (the
 *       prefix may hold further '/'; slashes around it are dropped). The driver mounts it and never deletes
 *       anything it points at.
 * </ul>
 *
 * No bucket name holds a ':', so no static handle reads as a dynamic one. A dynamic handle is at most
 * 4 + 63 + 1 + {@value #MAX_PREFIX_LENGTH} = 128 bytes, the CSI limit for string fields.
 */
public record VolumeHandle(String bucket, String prefix, boolean dynamic) {

    /** The longest prefix of a dynamic prefix volume. */
    public static final int MAX_PREFIX_LENGTH = 60;
    private static final String DYNAMIC = "csi:";

    public VolumeHandle {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** A dynamic volume that is a bucket of its own. */
    public static VolumeHandle dynamicBucket(String bucket) {
        return new VolumeHandle(bucket, "", true);
    }

    /** A dynamic volume that is a prefix of a shared bucket. */
    public static VolumeHandle dynamicPrefix(String bucket, String prefix) {
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw new IllegalArgumentException("a dynamic volume's prefix is one non-empty path segment");
        }
        return new VolumeHandle(bucket, prefix, true);
    }

    /** The handle an id names, or empty when it is none the driver made or accepts. */
    public static Optional<VolumeHandle> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (id.startsWith(DYNAMIC)) {
            String rest = id.substring(DYNAMIC.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            boolean wellFormed = BucketNames.problem(bucket).isEmpty()
                    && (slash < 0 || !prefix.isEmpty() && !prefix.contains("/"));
            return wellFormed ? Optional.of(new VolumeHandle(bucket, prefix, true)) : Optional.empty();
        }
        int slash = id.indexOf('/');
        String bucket = slash < 0 ? id : id.substring(0, slash);
        String prefix = slash < 0 ? "" : stripSlashes(id.substring(slash + 1));
        if (bucket.isBlank() || bucket.contains(":")) {
            return Optional.empty();
        }
        return Optional.of(new VolumeHandle(bucket, prefix, false));
    }

    private static String stripSlashes(String prefix) {
        int from = 0;
        int to = prefix.length();
        while (from < to && prefix.charAt(from) == '/') {
            from++;
        }
        while (to > from && prefix.charAt(to - 1) == '/') {
            to--;
        }
        return prefix.substring(from, to);
    }

    public boolean hasPrefix() {
        return !prefix.isEmpty();
    }

    /** Where the volume's objects start in the bucket: {@code <prefix>/}, or "" for the whole bucket. */
    public String objectPrefix() {
        return hasPrefix() ? prefix + "/" : "";
    }

    /** The id, as {@link #parse} reads it. */
    public String format() {
        return (dynamic ? DYNAMIC : "") + bucket + (hasPrefix() ? "/" + prefix : "");
    }

    @Override
    public String toString() {
        return format();
    }
}
