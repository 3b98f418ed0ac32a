package io.stowage.s3.handler;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.regex.Pattern;

/** The AWS rules for general purpose bucket names. */
public final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    public static void validate(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new S3Exception(S3ErrorCode.InvalidBucketName, "The specified bucket is not valid: " + problem, name);
        }
    }

    /** What is wrong with {@code name}, or null when it is a valid bucket name. */
    public static String problem(String name) {
        if (!SHAPE.matcher(name).matches()) {
            return "names are 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit";
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return "adjacent periods, or a period next to a hyphen, are not allowed";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "names must not be formatted as an IP address";
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            return "reserved prefix or suffix";
        }
        return null;
    }
}
