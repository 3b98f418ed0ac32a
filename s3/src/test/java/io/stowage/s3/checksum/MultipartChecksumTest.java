package io.stowage.s3.checksum;

import static io.stowage.s3.checksum.CrcCombinerTest.crc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MultipartChecksumTest {

    private static final byte[] DATA = randomBytes(9000);
    private static final int[] PART_LENGTHS = {5000, 0, 4000};

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void compositeIsTheChecksumOfTheConcatenatedPartChecksumsWithThePartCount(ChecksumAlgorithm algorithm) {
        List<byte[]> parts = partChecksums(algorithm);
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        parts.forEach(concatenated::writeBytes);
        byte[] expected = crc(algorithm, concatenated.toByteArray(), 0, concatenated.size());

        String composite = MultipartChecksum.composite(algorithm, parts);

        assertThat(composite).isEqualTo(Base64.getEncoder().encodeToString(expected) + "-3");
        assertThat(composite).isNotEqualTo(base64Crc(algorithm, DATA) + "-3");
    }

    @ParameterizedTest
    @CsvSource({
        // parts "Hello" and " world"; expected values computed independently with Python's zlib/hashlib
        "CRC32,  fc/ovg==-2",
        "SHA256, GNxA9c00NHnveIdK8C/MjhyWCzuGp5LHGRk1iHD+kAw=-2",
    })
    void compositeOfKnownParts(ChecksumAlgorithm algorithm, String expected) {
        byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
        byte[] world = " world".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = List.of(crc(algorithm, hello, 0, hello.length), crc(algorithm, world, 0, world.length));

        assertThat(MultipartChecksum.composite(algorithm, parts)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectIsTheCrcOfTheWholeObject(ChecksumAlgorithm algorithm) {
        String fullObject = MultipartChecksum.fullObject(
                algorithm, partChecksums(algorithm), List.of(5000L, 0L, 4000L));

        assertThat(fullObject).isEqualTo(base64Crc(algorithm, DATA)).doesNotContain("-");
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectOfOnePartIsThatPartsCrc(ChecksumAlgorithm algorithm) {
        byte[] part = crc(algorithm, DATA, 0, DATA.length);
        assertThat(MultipartChecksum.fullObject(algorithm, List.of(part), List.of((long) DATA.length)))
                .isEqualTo(base64Crc(algorithm, DATA));
    }

    @ParameterizedTest
    @EnumSource(names = {"SHA1", "SHA256"})
    void fullObjectRefusesSha(ChecksumAlgorithm algorithm) {
        assertThatThrownBy(() -> MultipartChecksum.fullObject(algorithm, partChecksums(algorithm), List.of(5000L, 0L, 4000L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(algorithm.name());
    }

    @Test
    void rejectsMalformedInput() {
        ChecksumAlgorithm crc32 = ChecksumAlgorithm.CRC32;
        assertThatThrownBy(() -> MultipartChecksum.composite(crc32, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartChecksum.composite(ChecksumAlgorithm.SHA256, List.of(new byte[20])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-byte");
        assertThatThrownBy(() -> MultipartChecksum.fullObject(crc32, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartChecksum.fullObject(crc32, partChecksums(crc32), List.of(5000L, 4000L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<byte[]> partChecksums(ChecksumAlgorithm algorithm) {
        byte[][] parts = new byte[PART_LENGTHS.length][];
        int offset = 0;
        for (int i = 0; i < PART_LENGTHS.length; i++) {
            parts[i] = crc(algorithm, DATA, offset, PART_LENGTHS[i]);
            offset += PART_LENGTHS[i];
        }
        return List.of(parts);
    }

    private static String base64Crc(ChecksumAlgorithm algorithm, byte[] data) {
        return Base64.getEncoder().encodeToString(crc(algorithm, data, 0, data.length));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(5).nextBytes(bytes);
        return bytes;
    }
}
