package io.stowage.csi.node.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    @Test
    void replacesEveryOccurrenceOfEverySecret() {
        String text = "s3fs: passwd AKID:s3cr3t/key+1 rejected; again s3cr3t/key+1 and token t0k";

        assertThat(SecretScrubber.scrub(text, List.of("s3cr3t/key+1", "t0k")))
                .isEqualTo("s3fs: passwd AKID:*** rejected; again *** and token ***");
    }

    @Test
    void ignoresEmptyAndMissingSecrets() {
        assertThat(SecretScrubber.scrub("abc", Arrays.asList("", null))).isEqualTo("abc");
        assertThat(SecretScrubber.scrub(null, List.of("x"))).isNull();
    }
}
