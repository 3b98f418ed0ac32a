package io.stowage.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeHandleTest {

    @Test
    void dynamicHandlesRoundTrip() {
        VolumeHandle bucket = VolumeHandle.dynamicBucket("pvc-1");
        VolumeHandle prefix = VolumeHandle.dynamicPrefix("shared", "pvc-2");

        assertThat(bucket.format()).isEqualTo("csi:pvc-1");
        assertThat(prefix.format()).isEqualTo("csi:shared/pvc-2");
        assertThat(VolumeHandle.parse("csi:pvc-1")).contains(bucket);
        assertThat(VolumeHandle.parse("csi:shared/pvc-2")).contains(prefix);
        assertThat(bucket.objectPrefix()).isEmpty();
        assertThat(prefix.objectPrefix()).isEqualTo("pvc-2/");
        assertThat(bucket.dynamic()).isTrue();
    }

    @Test
    void staticHandlesAreBucketsWithAnOptionalPrefix() {
        assertThat(VolumeHandle.parse("data")).contains(new VolumeHandle("data", "", false));
        assertThat(VolumeHandle.parse("data/team/a/")).contains(new VolumeHandle("data", "team/a", false));
        assertThat(VolumeHandle.parse("data//team")).contains(new VolumeHandle("data", "team", false));
        assertThat(VolumeHandle.parse("data/")).contains(new VolumeHandle("data", "", false));
        assertThat(VolumeHandle.parse("data/team/a").orElseThrow().objectPrefix()).isEqualTo("team/a/");
        assertThat(VolumeHandle.parse("data/team/a").orElseThrow().format()).isEqualTo("data/team/a");
    }

    @Test
    void noStaticHandleReadsAsADynamicOne() {
        for (String id : List.of("csi:", "csi:Bad_Bucket", "csi:b", "csi:bucket/", "csi:bucket/a/b", "csi:/p", "")) {
            assertThat(VolumeHandle.parse(id)).as(id).isEmpty();
        }
        assertThat(VolumeHandle.parse(null)).isEmpty();
        assertThat(VolumeHandle.parse("other:bucket")).isEmpty();
        assertThat(VolumeHandle.parse("/prefix-only")).isEmpty();
    }

    @Test
    void theLongestDynamicHandleFitsTheCsiLimitOf128Bytes() {
        VolumeHandle longest = VolumeHandle.dynamicPrefix("b".repeat(63),
                BucketNames.derive("pvc-" + "x".repeat(124), VolumeHandle.MAX_PREFIX_LENGTH));

        assertThat(longest.format().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(128);
        assertThat(VolumeHandle.parse(longest.format())).contains(longest);
    }

    @Test
    void aDynamicPrefixIsOneSegment() {
        assertThatThrownBy(() -> VolumeHandle.dynamicPrefix("shared", "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VolumeHandle.dynamicPrefix("shared", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
