package io.stowage.s3.checksum;

import static io.stowage.s3.checksum.ChecksumType.COMPOSITE;
import static io.stowage.s3.checksum.ChecksumType.FULL_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumTypeTest {

    @ParameterizedTest
    @CsvSource({
        // algorithm, composite, full object, default
        "CRC32,     true,  true,  COMPOSITE",
        "CRC32C,    true,  true,  COMPOSITE",
        "CRC64NVME, false, true,  FULL_OBJECT",
        "SHA1,      true,  false, COMPOSITE",
        "SHA256,    true,  false, COMPOSITE",
    })
    void supportedTypesAndDefaultsPerAlgorithm(
            ChecksumAlgorithm algorithm, boolean composite, boolean fullObject, ChecksumType defaultType) {
        assertThat(COMPOSITE.supports(algorithm)).isEqualTo(composite);
        assertThat(FULL_OBJECT.supports(algorithm)).isEqualTo(fullObject);
        assertThat(ChecksumType.defaultFor(algorithm)).isEqualTo(defaultType);
        assertThat(defaultType.supports(algorithm)).isTrue();
    }

    @Test
    void parsesHeaderValues() {
        assertThat(ChecksumType.fromHeaderValue("COMPOSITE")).contains(COMPOSITE);
        assertThat(ChecksumType.fromHeaderValue(" full_object ")).contains(FULL_OBJECT);
        assertThat(ChecksumType.fromHeaderValue("FULL-OBJECT")).isEmpty();
        assertThat(ChecksumType.fromHeaderValue(null)).isEmpty();
    }
}
