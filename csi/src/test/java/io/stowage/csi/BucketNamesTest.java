package io.stowage.csi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketNamesTest {

    @Test
    void aProvisionerNameIsItsOwnBucketName() {
        String name = "pvc-0f6c3c43-8e42-4a7b-9f0e-2d7f1c2b6a11";

        assertThat(BucketNames.derive(name, BucketNames.MAX_LENGTH)).isEqualTo(name);
    }

    @Test
    void longOrUnrepresentableNamesGetAStemAndAHash() {
        String long128 = "pvc-" + "x".repeat(124);
        List<String> names = List.of(long128, "PVC-Upper", "pvc-upper", "my_volume", "my volume", "vol..1", "192.168.1.1",
                "xn--domain", "-leading", "ab", "Ünïcode-名前", "___", "a".repeat(64));

        for (String name : names) {
            String derived = BucketNames.derive(name, BucketNames.MAX_LENGTH);
            assertThat(BucketNames.problem(derived)).as(name + " -> " + derived).isEmpty();
            assertThat(derived).hasSizeLessThanOrEqualTo(63).isEqualTo(BucketNames.derive(name, BucketNames.MAX_LENGTH));
        }
        assertThat(BucketNames.derive(long128, 63)).startsWith("pvc-xxxx").hasSize(63);
        assertThat(BucketNames.derive("my_volume", 63)).matches("my-volume-[0-9a-f]{20}");
        assertThat(BucketNames.derive("___", 63)).matches("vol-[0-9a-f]{20}");
        assertThat(BucketNames.derive("pvc-upper", 63)).isEqualTo("pvc-upper");
        assertThat(BucketNames.derive("PVC-Upper", 63)).isNotEqualTo("pvc-upper").startsWith("pvc-upper-");
        assertThat(BucketNames.derive("my volume", 63)).isNotEqualTo(BucketNames.derive("my_volume", 63));
    }

    @Test
    void aShorterLimitHashesNamesThatDoNotFit() {
        String name = "pvc-" + "y".repeat(57);
        assertThat(name).hasSize(61);

        assertThat(BucketNames.derive(name, 63)).isEqualTo(name);
        assertThat(BucketNames.derive(name, 60)).hasSizeLessThanOrEqualTo(60).startsWith("pvc-yyy");
        assertThatThrownBy(() -> BucketNames.derive(name, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BucketNames.derive(name, 23)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void legalBucketNames() {
        assertThat(BucketNames.problem("my-bucket.2026")).isEmpty();
        assertThat(BucketNames.problem("abc")).isEmpty();
        for (String illegal : List.of("ab", "a".repeat(64), "Upper", "under_score", "-dash", "dash-", "a..b", "a.-b",
                "10.0.0.1", "xn--x", "sthree-x", "x-s3alias", "x--ol-s3", "a:b")) {
            assertThat(BucketNames.problem(illegal)).as(illegal).isPresent();
        }
        assertThat(BucketNames.problem(null)).isPresent();
    }
}
