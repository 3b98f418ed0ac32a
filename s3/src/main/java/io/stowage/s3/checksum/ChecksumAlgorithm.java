package io.stowage.s3.checksum;

import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** The checksum algorithms S3 supports in x-amz-checksum-* headers and trailers. */
public enum ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    CRC64NVME(8),
    SHA1(20),
    SHA256(32);

    private static final String HEADER_PREFIX = "x-amz-checksum-";

    private final String headerName = HEADER_PREFIX + name().toLowerCase(Locale.ROOT);
    private final int digestLength;

    ChecksumAlgorithm(int digestLength) {
        this.digestLength = digestLength;
    }

    /** The length in bytes of this algorithm's checksum. */
    public int digestLength() {
        return digestLength;
    }

    /** The header (or trailer) carrying this checksum, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    public ChecksumDigest newDigest() {
        return switch (this) {
            case CRC32 -> new Crc32BitDigest(new CRC32());
            case CRC32C -> new Crc32BitDigest(new CRC32C());
            case CRC64NVME -> new Crc64NvmeDigest();
            case SHA1 -> new MessageDigestChecksum("SHA-1");
            case SHA256 -> new MessageDigestChecksum("SHA-256");
        };
    }

    /** The algorithm whose header is {@code headerName} (case-insensitive), if any. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
        if (headerName == null || !headerName.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())) {
            return Optional.empty();
        }
        return fromName(headerName.substring(HEADER_PREFIX.length()));
    }

    /**
     * The algorithm named {@code name} (case-insensitive), as in x-amz-checksum-algorithm or
     * x-amz-sdk-checksum-algorithm.
     */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
