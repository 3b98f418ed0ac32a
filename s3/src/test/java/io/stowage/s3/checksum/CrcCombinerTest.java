package io.stowage.s3.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrcCombinerTest {

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningRandomSplitsGivesTheCrcOfTheWholeData(ChecksumAlgorithm algorithm) {
        CrcCombiner combiner = CrcCombiner.of(algorithm);
        Random random = new Random(algorithm.ordinal());
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[random.nextInt(20_000)];
            random.nextBytes(data);
            byte[] combined = crc(algorithm, data, 0, 0);
            int offset = 0;
            while (offset < data.length) {
                // about one part in five is empty
                int length = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(data.length - offset);
                combined = combiner.combine(combined, crc(algorithm, data, offset, length), length);
                offset += length;
            }
            combined = combiner.combine(combined, crc(algorithm, data, 0, 0), 0); // empty tail

            assertThat(combined).as("round %d, %d bytes", round, data.length).isEqualTo(crc(algorithm, data, 0, data.length));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combineIsAssociative(ChecksumAlgorithm algorithm) {
        CrcCombiner combiner = CrcCombiner.of(algorithm);
        byte[] data = new byte[3000];
        new Random(3).nextBytes(data);
        byte[] a = crc(algorithm, data, 0, 1000);
        byte[] b = crc(algorithm, data, 1000, 1500);
        byte[] c = crc(algorithm, data, 2500, 500);

        byte[] left = combiner.combine(combiner.combine(a, b, 1500), c, 500);
        byte[] right = combiner.combine(a, combiner.combine(b, c, 500), 2000);

        assertThat(left).isEqualTo(right).isEqualTo(crc(algorithm, data, 0, data.length));
    }

    @Test
    void combinesTheCheckInput123456789() {
        byte[] head = "1234".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "56789".getBytes(StandardCharsets.US_ASCII);
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(combine(ChecksumAlgorithm.CRC32, head, tail))).isEqualTo("cbf43926");
        assertThat(hex.formatHex(combine(ChecksumAlgorithm.CRC32C, head, tail))).isEqualTo("e3069283");
        assertThat(hex.formatHex(combine(ChecksumAlgorithm.CRC64NVME, head, tail))).isEqualTo("ae8b14860a799888");
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combinesAMegabyteSecondPart(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[(1 << 20) + 13];
        new Random(11).nextBytes(data);
        byte[] combined = CrcCombiner.of(algorithm)
                .combine(crc(algorithm, data, 0, 13), crc(algorithm, data, 13, 1 << 20), 1 << 20);
        assertThat(combined).isEqualTo(crc(algorithm, data, 0, data.length));
    }

    @Test
    void rejectsShaAlgorithmsWrongSizesAndNegativeLengths() {
        assertThatThrownBy(() -> CrcCombiner.of(ChecksumAlgorithm.SHA1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombiner.of(ChecksumAlgorithm.SHA256)).isInstanceOf(IllegalArgumentException.class);
        CrcCombiner crc32 = CrcCombiner.of(ChecksumAlgorithm.CRC32);
        assertThatThrownBy(() -> crc32.combine(new byte[8], new byte[4], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4-byte");
        assertThatThrownBy(() -> crc32.combine(new byte[4], new byte[4], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] combine(ChecksumAlgorithm algorithm, byte[] head, byte[] tail) {
        return CrcCombiner.of(algorithm)
                .combine(crc(algorithm, head, 0, head.length), crc(algorithm, tail, 0, tail.length), tail.length);
    }

    static byte[] crc(ChecksumAlgorithm algorithm, byte[] data, int offset, int length) {
        ChecksumDigest digest = algorithm.newDigest();
        digest.update(data, offset, length);
        return digest.digest();
    }
}
