package io.stowage.csi.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.csi.CsiException;
import org.junit.jupiter.api.Test;

class MountOptionsTest {

    @Test
    void optionsSplitAtWhiteSpace() throws CsiException {
        assertThat(MountOptions.split("  -o enable_noobj_cache\t--vfs-cache-max-size=1G ")).containsExactly("-o",
                "enable_noobj_cache", "--vfs-cache-max-size=1G");
    }

    @Test
    void quotesKeepSpacesInOneArgument() throws CsiException {
        assertThat(MountOptions.split("--header \"X-Team: data science\" -o 'a b'=c ''"))
                .containsExactly("--header", "X-Team: data science", "-o", "a b=c", "");
    }

    @Test
    void noOptionsAreNoArguments() throws CsiException {
        assertThat(MountOptions.split(null)).isEmpty();
        assertThat(MountOptions.split("   ")).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> MountOptions.split("-o \"open")).isInstanceOf(CsiException.class)
                .hasMessageContaining("unclosed");
    }
}
