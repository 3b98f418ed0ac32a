package io.stowage.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.Quota;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void sizesTakeBinarySuffixes() {
        var size = new Converters.SizeArg();
        assertThat(size.convert("0")).isZero();
        assertThat(size.convert("512")).isEqualTo(512);
        assertThat(size.convert("512B")).isEqualTo(512);
        assertThat(size.convert("4KiB")).isEqualTo(4096);
        assertThat(size.convert("500 MiB")).isEqualTo(500L << 20);
        assertThat(size.convert("10gib")).isEqualTo(10L << 30);
        assertThat(size.convert("2TiB")).isEqualTo(2L << 40);
        for (String bad : List.of("10GB", "1.5GiB", "-1", "GiB", "9223372036854775807KiB", "99999999999999999999")) {
            assertThatThrownBy(() -> size.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void keyGrantsSplitAtTheLastEquals() {
        var grant = new Converters.KeyGrantArg();
        assertThat(grant.convert("photos=read")).isEqualTo(new KeyGrant("photos", "", Access.READ));
        assertThat(grant.convert("photos/2026/a=b/=read-write")).isEqualTo(new KeyGrant("photos", "2026/a=b/", Access.READ_WRITE));
        assertThatThrownBy(() -> grant.convert("photos")).hasMessageContaining("BUCKET[/PREFIX]=");
        assertThatThrownBy(() -> grant.convert("photos=rw")).hasMessageContaining("read, write, read-write");
        assertThatThrownBy(() -> grant.convert("/x=read")).hasMessageContaining("BUCKET or BUCKET/PREFIX");
    }

    @Test
    void bucketPathsRoundTrip() {
        assertThat(BucketPath.parse("photos")).isEqualTo(new BucketPath("photos", ""));
        assertThat(BucketPath.parse("photos/2026/")).isEqualTo(new BucketPath("photos", "2026/"));
        assertThat(BucketPath.parse("photos/2026/").toString()).isEqualTo("photos/2026/");
    }

    @Test
    void limitsNotGivenKeepTheCurrentOnes() {
        var limits = new BucketCommand.Limits();
        limits.maxObjects = 10L;
        assertThat(limits.over(new Quota(1024, 5))).isEqualTo(new Quota(1024, 10));
        assertThat(limits.over(Quota.NONE)).isEqualTo(new Quota(0, 10));
    }
}
