package io.stowage.kube.obc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObcNamesTest {

    private static final UUID ID = UUID.fromString("c1178d61-1517-431f-8408-ec4c9fa50bee");

    @Test
    void generatedNamesAreThePrefixAHyphenAndAUuidAsTheLibraryMakesThem() {
        assertThat(ObcNames.generatedBucketName("photo-booth", ID)).isEqualTo("photo-booth-c1178d61-1517-431f-8408-ec4c9fa50bee");
    }

    @Test
    void aLongPrefixIsCutTo26CharactersSoTheNameFitsIn63() {
        String name = ObcNames.generatedBucketName("a".repeat(40), ID);

        assertThat(name).isEqualTo("a".repeat(26) + "-" + ID);
        assertThat(name).hasSize(63);
        assertThat(ObcNames.generatedBucketName("b".repeat(26), ID)).hasSize(63);
    }

    @Test
    void objectBucketAccountAndLabelNames() {
        assertThat(ObcNames.objectBucketName("apps", "photos")).isEqualTo("obc-apps-photos");
        assertThat(ObcNames.account("0d4c-uid")).isEqualTo("obc-0d4c-uid");
        assertThat(ObcNames.LABEL_VALUE).isEqualTo("stowage.io-bucket");
    }
}
