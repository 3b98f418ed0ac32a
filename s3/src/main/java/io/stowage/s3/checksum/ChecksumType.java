package io.stowage.s3.checksum;

import java.util.Locale;
import java.util.Optional;

/**
 * How a multipart upload's part checksums make the object's checksum (x-amz-checksum-type).
 * CRC64NVME supports only FULL_OBJECT; CRC32 and CRC32C support both, COMPOSITE by default; SHA1
 * and SHA256 support only COMPOSITE.
 */
public enum ChecksumType {
    /** A checksum of the parts' checksums, suffixed with "-" and the part count. */
    COMPOSITE,
    /** The checksum of the whole object's bytes, combined from the part CRCs. */
    FULL_OBJECT;

    public boolean supports(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32, CRC32C -> true;
            case CRC64NVME -> this == FULL_OBJECT;
            case SHA1, SHA256 -> this == COMPOSITE;
        };
    }

    /** The type S3 uses when a multipart upload names an algorithm but no type. */
    public static ChecksumType defaultFor(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE;
    }

    /** The type named by an x-amz-checksum-type value (case-insensitive), if any. */
    public static Optional<ChecksumType> fromHeaderValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
