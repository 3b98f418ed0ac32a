package io.stowage.populate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetLayoutTest {

    @TempDir
    Path dir;

    @Test
    void keysBecomePathsBelowTheTarget() {
        TargetLayout layout = new TargetLayout(dir);
        assertThat(layout.place("a/b/c.txt")).isEqualTo(new Placement.File(dir.resolve("a/b/c.txt")));
        assertThat(layout.place("a/b/")).isEqualTo(new Placement.Directory(dir.resolve("a/b")));
        assertThat(layout.place("")).isEqualTo(new Placement.TargetItself());
        assertThat(layout.place("..data")).isEqualTo(new Placement.File(dir.resolve("..data")));
        assertThat(layout.place("ключ/ü b")).isEqualTo(new Placement.File(dir.resolve("ключ/ü b")));
    }

    @Test
    void keysThatCouldLandElsewhereAreRefused() {
        TargetLayout layout = new TargetLayout(dir);
        for (String key : new String[] {"../x", "a/../../x", "a/..", "..", "./a", "a/./b", "/abs", "//x", "a//b", "a\\b",
                "a\0b", "/", "a/b//", ".stowage-tmp-1-a", "d/.stowage-tmp-x"}) {
            assertThat(layout.place(key)).as(key).isInstanceOf(Placement.Refused.class);
        }
    }

    @Test
    void directoriesAreMadeWithoutFollowingLinks() throws IOException {
        TargetLayout layout = new TargetLayout(dir.resolve("target"));
        Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("target/link"), dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("target/file"), "x");

        layout.ensureDirectory(dir.resolve("target/a/b/c"));

        assertThat(dir.resolve("target/a/b/c")).isDirectory();
        assertThatThrownBy(() -> layout.ensureDirectory(dir.resolve("target/link/sub"))).hasMessageContaining("link exists and is not a directory");
        assertThatThrownBy(() -> layout.ensureDirectory(dir.resolve("target/file/sub"))).hasMessageContaining("file exists and is not a directory");
        assertThat(dir.resolve("elsewhere/sub")).doesNotExist();
    }
}
