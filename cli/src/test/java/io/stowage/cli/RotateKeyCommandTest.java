package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.s3.sse.MasterKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RotateKeyCommandTest {

    @TempDir
    Path data;

    @Test
    void eachRotationAddsTheNewActiveKeyAndKeepsTheOlderOnes() throws Exception {
        Path keys = data.resolve("keys");
        int first = MasterKeyStore.open(keys).active().id();

        assertThat(new CommandLine(new StowageMain()).execute("rotate-key", "--data", data.toString())).isZero();
        assertThat(new CommandLine(new StowageMain()).execute("rotate-key", "--data", data.toString())).isZero();

        MasterKeyStore store = MasterKeyStore.open(keys);
        assertThat(store.ids()).containsExactly(first, first + 1, first + 2);
        assertThat(store.active().id()).isEqualTo(first + 2);
        assertThat(store.key(first)).isNotNull();
    }

    @Test
    void aKeyStoreOthersMayReadIsRefused() throws Exception {
        Path keys = data.resolve("keys");
        MasterKeyStore.open(keys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new CommandLine(new StowageMain()).execute("rotate-key", "--data", data.toString())).isEqualTo(1);
    }

    @Test
    void theKeysOfAClusterNodeAreNotRotatedAlone() throws Exception {
        Path keys = data.resolve("keys");
        int first = MasterKeyStore.open(keys).active().id();
        Files.createDirectories(data.resolve("raft"));
        assertThat(new CommandLine(new StowageMain()).execute("rotate-key", "--data", data.toString())).isEqualTo(1);
        assertThat(MasterKeyStore.open(keys).ids()).containsExactly(first);
    }
}
