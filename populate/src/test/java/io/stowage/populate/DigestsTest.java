package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void checksumsAreTheCatalogueCheckValuesInS3sBase64() {
        assertThat(hex(ContentChecksum.CRC32)).isEqualTo("cbf43926");
        assertThat(hex(ContentChecksum.CRC32C)).isEqualTo("e3069283");
        assertThat(hex(ContentChecksum.CRC64NVME)).isEqualTo("ae8b14860a799888");
        assertThat(hex(ContentChecksum.SHA256)).isEqualTo("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
        assertThat(ContentChecksum.named("crc64nvme")).contains(ContentChecksum.CRC64NVME);
        assertThat(ContentChecksum.named("md5")).isEmpty();
    }

    @Test
    void etagsOfOnePutAndOfParts() throws Exception {
        EtagDigest single = new EtagDigest();
        single.update(CHECK, 0, CHECK.length);
        assertThat(single.single()).isEqualTo("25f9e794323b453885f5181f1b624d0b");

        // S3's multipart ETag: the MD5 of the parts' binary MD5s, then the parts count.
        EtagDigest parts = new EtagDigest();
        parts.update(CHECK, 0, 4);
        parts.endPart();
        parts.update(CHECK, 4, 5);
        parts.endPart();
        var md5 = ContentChecksum.messageDigest("MD5");
        md5.update(ContentChecksum.messageDigest("MD5").digest("1234".getBytes(StandardCharsets.US_ASCII)));
        md5.update(ContentChecksum.messageDigest("MD5").digest("56789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts.multipart()).isEqualTo(HexFormat.of().formatHex(md5.digest()) + "-2");

        Path file = Files.write(dir.resolve("f"), CHECK);
        assertThat(CompleteFileCheck.etagOf(file, List.of(4L, 5L), true)).isEqualTo(parts.multipart());
        assertThat(CompleteFileCheck.etagOf(file, List.of(9L), false)).isEqualTo(single.single());
        assertThat(CompleteFileCheck.multipart("25f9e794323b453885f5181f1b624d0b-12")).isTrue();
        assertThat(CompleteFileCheck.multipart("25f9e794323b453885f5181f1b624d0b")).isFalse();
    }

    private static String hex(ContentChecksum algorithm) {
        ContentChecksum.Running running = algorithm.start();
        running.update(CHECK, 0, 5);
        running.update(CHECK, 5, 4);
        return HexFormat.of().formatHex(Base64.getDecoder().decode(running.base64()));
    }
}
