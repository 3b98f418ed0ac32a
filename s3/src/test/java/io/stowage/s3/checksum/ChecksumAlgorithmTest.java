package io.stowage.s3.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ChecksumAlgorithmTest {

    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "CRC32,     cbf43926,                                 y/Q5Jg==",
        "CRC32C,    e3069283,                                 4waSgw==",
        "CRC64NVME, ae8b14860a799888,                         rosUhgp5mIg=",
        "SHA1,      f7c3bc1d808e04732adf679965ccc34ca7ae3441, 98O8HYCOBHMq32eZZczDTKeuNEE=",
        "SHA256,    15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225, FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
    })
    void checkValuesOf123456789(ChecksumAlgorithm algorithm, String hex, String base64) {
        ChecksumDigest digest = algorithm.newDigest();
        digest.update(CHECK_INPUT, 0, CHECK_INPUT.length);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(hex);

        ChecksumDigest again = algorithm.newDigest();
        again.update(CHECK_INPUT, 0, CHECK_INPUT.length);
        assertThat(again.base64()).isEqualTo(base64);
    }

    @Test
    void crc32OfHelloWorldMatchesTheValueS3Returns() {
        byte[] data = "Hello world".getBytes(StandardCharsets.US_ASCII);
        ChecksumDigest digest = ChecksumAlgorithm.CRC32.newDigest();
        digest.update(data, 0, data.length);
        assertThat(digest.base64()).isEqualTo("i9aeUg==");
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void splitUpdatesAndBuffersGiveTheSameResultAsOneUpdate(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[10_007];
        new Random(42).nextBytes(data);
        ChecksumDigest whole = algorithm.newDigest();
        whole.update(data, 0, data.length);

        ChecksumDigest pieces = algorithm.newDigest();
        pieces.update(data, 0, 3);
        pieces.update(ByteBuffer.wrap(data, 3, 5000));
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length - 5003);
        direct.put(data, 5003, data.length - 5003).flip();
        pieces.update(direct);

        assertThat(direct.hasRemaining()).isFalse();
        assertThat(pieces.digest()).isEqualTo(whole.digest());
    }

    @Test
    void crc64NvmeSlicingMatchesBitwiseReference() {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 100, 4099}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            ChecksumDigest digest = ChecksumAlgorithm.CRC64NVME.newDigest();
            digest.update(data, 0, length);
            assertThat(ByteBuffer.wrap(digest.digest()).getLong()).as("length %d", length).isEqualTo(bitwiseCrc64Nvme(data));
        }
    }

    @Test
    void lookupByHeaderNameAndAlgorithmName() {
        assertThat(ChecksumAlgorithm.CRC32C.headerName()).isEqualTo("x-amz-checksum-crc32c");
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-SHA256")).contains(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-crc32")).contains(ChecksumAlgorithm.CRC32);
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromHeaderName("x-amz-checksum-type")).isEmpty();
        assertThat(ChecksumAlgorithm.fromHeaderName("content-md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromName("crc32c")).contains(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.fromName("CRC64NVME")).contains(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.fromName("sha1")).contains(ChecksumAlgorithm.SHA1);
        assertThat(ChecksumAlgorithm.fromName("md5")).isEmpty();
        assertThat(ChecksumAlgorithm.fromName(null)).isEmpty();
    }

    @Test
    void shaDigestIsFinalAfterReading() {
        ChecksumDigest digest = ChecksumAlgorithm.SHA256.newDigest();
        digest.update(CHECK_INPUT, 0, CHECK_INPUT.length);
        assertThat(digest.base64()).isEqualTo(digest.base64());
        assertThatThrownBy(() -> digest.update(CHECK_INPUT, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static long bitwiseCrc64Nvme(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    @org.junit.jupiter.api.Test
    void declaredLengthsMatchTheDigests() {
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            org.assertj.core.api.Assertions.assertThat(algorithm.newDigest().digest()).as(algorithm.name()).hasSize(algorithm.digestLength());
        }
    }
}
