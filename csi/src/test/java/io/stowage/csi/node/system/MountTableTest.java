package io.stowage.csi.node.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final String MOUNTINFO = """
            22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
            40 22 0:35 / /var/lib/kubelet/plugins/staging/pv\\0401 rw,nosuid,nodev,relatime shared:20 - fuse.s3fs s3fs rw,user_id=0,group_id=0,allow_other
            41 22 0:35 / /var/lib/kubelet/pods/a/volumes/target ro,nosuid,nodev,relatime shared:20 master:3 - fuse.s3fs s3fs rw,user_id=0,group_id=0,allow_other
            42 22 0:36 / /mnt/stack rw,relatime - tmpfs tmpfs rw
            43 42 0:37 / /mnt/stack rw,relatime - fuse.rclone :s3:bucket/pre\\134fix rw,user_id=0
            44 22 0:38 /sub /mnt/tab\\011and\\012newline rw - fuse fuse rw
            """;

    @Test
    void parsesEveryFieldAndDecodesOctalEscapes() {
        MountTable table = MountTable.parse(MOUNTINFO);

        assertThat(table.entries()).hasSize(6);
        MountEntry staging = table.entries().get(1);
        assertThat(staging.id()).isEqualTo(40);
        assertThat(staging.parentId()).isEqualTo(22);
        assertThat(staging.root()).isEqualTo("/");
        assertThat(staging.mountPoint()).isEqualTo(Path.of("/var/lib/kubelet/plugins/staging/pv 1"));
        assertThat(staging.fsType()).isEqualTo("fuse.s3fs");
        assertThat(staging.source()).isEqualTo("s3fs");
        assertThat(table.entries().get(4).source()).isEqualTo(":s3:bucket/pre\\fix");
        assertThat(table.entries().get(5).mountPoint()).isEqualTo(Path.of("/mnt/tab\tand\nnewline"));
        assertThat(table.entries().get(5).root()).isEqualTo("/sub");
    }

    @Test
    void findsTheMountOnTopAndTellsFuseAndReadOnly() {
        MountTable table = MountTable.parse(MOUNTINFO);

        assertThat(table.at(Path.of("/mnt/stack")).orElseThrow().fsType()).isEqualTo("fuse.rclone");
        assertThat(table.isFuseAt(Path.of("/var/lib/kubelet/plugins/staging/pv 1"))).isTrue();
        assertThat(table.isFuseAt(Path.of("/var/lib/kubelet/plugins/staging/pv\\0401"))).isFalse();
        assertThat(table.isFuseAt(Path.of("/"))).isFalse();
        assertThat(table.isFuseAt(Path.of("/mnt/tab\tand\nnewline"))).isTrue();
        assertThat(table.at(Path.of("/nowhere"))).isEmpty();
        assertThat(table.at(Path.of("/var/lib/kubelet/pods/a/volumes/target")).orElseThrow().isReadOnly()).isTrue();
        assertThat(table.at(Path.of("/var/lib/kubelet/plugins/staging/pv 1")).orElseThrow().isReadOnly()).isFalse();
        assertThat(table.under(Path.of("/var/lib/kubelet"))).extracting(MountEntry::id).containsExactly(40, 41);
    }

    @Test
    void leavesBackslashesThatAreNoEscapeAlone() {
        assertThat(MountTable.unescape("a\\b\\08\\1")).isEqualTo("a\\b\\08\\1");
        assertThat(MountTable.unescape("\\040\\134")).isEqualTo(" \\");
    }

    @Test
    void refusesALineThatIsNoMountinfoLine() {
        assertThatThrownBy(() -> MountTable.parse("1 2 3 / /mnt rw - ext4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mountinfo line");
        assertThatThrownBy(() -> MountTable.parse("x 2 0:1 / /mnt rw shared:1 - ext4 /dev/x rw"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisProcesssMounts() {
        assertThat(MountTable.read().at(Path.of("/"))).isPresent();
    }
}
