package io.stowage.s3.checksum;

import java.util.Base64;
import java.util.List;

/** The object checksum S3 reports when a multipart upload completes, from its parts' checksums. */
public final class MultipartChecksum {

    private MultipartChecksum() {}

    /**
     * The COMPOSITE checksum: base64 of the algorithm's checksum over the concatenated raw part
     * checksums (in part order), then "-" and the number of parts, e.g. {@code "Tf6Jmw==-3"}.
     */
    public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
        requireParts(partChecksums);
        int length = algorithm.digestLength();
        ChecksumDigest digest = algorithm.newDigest();
        for (byte[] part : partChecksums) {
            if (part.length != length) {
                throw new IllegalArgumentException(
                        "expected a " + length + "-byte " + algorithm + " checksum, got " + part.length + " bytes");
            }
            digest.update(part, 0, part.length);
        }
        return digest.base64() + "-" + partChecksums.size();
    }

    /**
     * The FULL_OBJECT checksum: base64 of the CRC of the whole object, combined from the part CRCs
     * and lengths (in part order). Only for CRC32, CRC32C and CRC64NVME.
     */
    public static String fullObject(ChecksumAlgorithm algorithm, List<byte[]> partChecksums, List<Long> partLengths) {
        CrcCombiner combiner = CrcCombiner.of(algorithm);
        requireParts(partChecksums);
        if (partChecksums.size() != partLengths.size()) {
            throw new IllegalArgumentException(
                    partChecksums.size() + " part checksums but " + partLengths.size() + " part lengths");
        }
        byte[] crc = algorithm.newDigest().digest();
        for (int i = 0; i < partChecksums.size(); i++) {
            crc = combiner.combine(crc, partChecksums.get(i), partLengths.get(i));
        }
        return Base64.getEncoder().encodeToString(crc);
    }

    private static void requireParts(List<byte[]> partChecksums) {
        if (partChecksums.isEmpty()) {
            throw new IllegalArgumentException("a multipart upload has at least one part");
        }
    }
}
