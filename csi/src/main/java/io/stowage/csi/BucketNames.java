package io.stowage.csi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Legal S3 bucket names (the AWS rules for general purpose buckets, which every backend accepts), and the
 * names the driver derives from CSI volume names.
 */
public final class BucketNames {

    /** The longest bucket name. */
    public static final int MAX_LENGTH = 63;
    private static final int HASH_CHARS = 20;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    /** What is wrong with {@code name} as a bucket name, or empty when it is a legal one. */
    public static Optional<String> problem(String name) {
        if (name == null || !SHAPE.matcher(name).matches()) {
            return Optional.of("bucket names are 3 to 63 lower-case letters, digits, '.' and '-',"
                    + " starting and ending with a letter or digit");
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return Optional.of("a bucket name must not have adjacent periods, or a period next to a hyphen");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return Optional.of("a bucket name must not look like an IP address");
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap")
                || name.endsWith("--x-s3") || name.endsWith("--table-s3")) {
            return Optional.of("the bucket name has a reserved prefix or suffix");
        }
        return Optional.empty();
    }

    /**
     * The name a volume of this CSI name gets: the name itself when it is a legal bucket name of at most
     * {@code maxLength} characters (csi-provisioner's {@code pvc-<uuid>} is), else a readable stem of it
     * (lower case, other characters as '-') with a hash of the exact name after it: deterministic, so
     * CreateVolume finds the same bucket again, and distinct for names that differ only in case or in the
     * characters replaced.
     *
     * @param maxLength at most {@value #MAX_LENGTH}, at least 24 (room for the hash)
     */
    public static String derive(String volumeName, int maxLength) {
        if (maxLength < HASH_CHARS + 4 || maxLength > MAX_LENGTH) {
            throw new IllegalArgumentException("maxLength must be 24 to 63, not " + maxLength);
        }
        if (volumeName.length() <= maxLength && problem(volumeName).isEmpty()) {
            return volumeName;
        }
        String hash = sha256Hex(volumeName).substring(0, HASH_CHARS);
        String stem = volumeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
        stem = stem.substring(0, Math.min(stem.length(), maxLength - HASH_CHARS - 1)).replaceAll("-+$", "");
        String derived = stem.isEmpty() ? "vol-" + hash : stem + "-" + hash;
        return problem(derived).isEmpty() ? derived : "vol-" + hash;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
