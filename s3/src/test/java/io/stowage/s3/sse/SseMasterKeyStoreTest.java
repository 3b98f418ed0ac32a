package io.stowage.s3.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseMasterKeyStoreTest {

    @TempDir
    Path data;

    @Test
    void openingCreatesAPrivateDirectoryWithOnePrivateKeyFile() throws IOException {
        Path dir = data.resolve("nested/keys");

        MasterKeyStore store = MasterKeyStore.open(dir);

        assertThat(mode(dir)).isEqualTo("rwx------");
        Path keyFile = dir.resolve("master-00000001.key");
        assertThat(mode(keyFile)).isEqualTo("rw-------");
        assertThat(Files.size(keyFile)).isEqualTo(MasterKeyFile.LENGTH);
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(keyFile);
        }
        assertThat(store.ids()).containsExactly(1);
        assertThat(store.active().id()).isEqualTo(1);
    }

    @Test
    void reopeningFindsTheSameKey() throws IOException {
        Path dir = data.resolve("keys");
        byte[] first = MasterKeyStore.open(dir).active().secret().getEncoded();

        MasterKeyStore reopened = MasterKeyStore.open(dir);

        assertThat(reopened.ids()).containsExactly(1);
        assertThat(reopened.active().secret().getEncoded()).isEqualTo(first);
    }

    @Test
    void rotationAddsAnActiveKeyAndKeepsTheOldOnes() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore store = MasterKeyStore.open(dir);
        byte[] one = store.active().secret().getEncoded();

        MasterKey two = store.rotate();

        assertThat(two.id()).isEqualTo(2);
        assertThat(store.active()).isSameAs(two);
        assertThat(two.secret().getEncoded()).isNotEqualTo(one);
        assertThat(store.key(1).secret().getEncoded()).isEqualTo(one);
        assertThat(mode(dir.resolve("master-00000002.key"))).isEqualTo("rw-------");
        MasterKeyStore reopened = MasterKeyStore.open(dir);
        assertThat(reopened.ids()).containsExactly(1, 2);
        assertThat(reopened.active().id()).isEqualTo(2);
        assertThat(reopened.key(1).secret().getEncoded()).isEqualTo(one);
    }

    @Test
    void anUnknownKeyIdIsATypedError() throws IOException {
        MasterKeyStore store = MasterKeyStore.open(data.resolve("keys"));
        assertThatThrownBy(() -> store.key(7)).isInstanceOf(MasterKeyStoreException.class).hasMessageContaining("master key 7");
    }

    @Test
    void aDamagedKeyFileIsAClearStartupError() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore.open(dir);
        Path keyFile = dir.resolve("master-00000001.key");
        byte[] content = Files.readAllBytes(keyFile);
        content[20] ^= 0x04;
        Files.write(keyFile, content);

        assertThatThrownBy(() -> MasterKeyStore.open(dir)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining(keyFile.toString()).hasMessageContaining("damaged").hasMessageContaining("checksum");
    }

    @Test
    void aTruncatedKeyFileIsAClearStartupError() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore.open(dir);
        Path keyFile = dir.resolve("master-00000001.key");
        Files.write(keyFile, new byte[10]);

        assertThatThrownBy(() -> MasterKeyStore.open(dir)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining("damaged (10 bytes instead of 49)");
    }

    @Test
    void aKeyFileUnderAnotherIdsNameIsRefused() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore.open(dir);
        Files.move(dir.resolve("master-00000001.key"), dir.resolve("master-00000002.key"));

        assertThatThrownBy(() -> MasterKeyStore.open(dir)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining("holds key 1, not 2");
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore.open(dir);
        Path keyFile = dir.resolve("master-00000001.key");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKeyStore.open(dir)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("0600");
    }

    @Test
    void aDirectoryOpenToOthersIsRefused() throws IOException {
        Path dir = data.resolve("keys");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));

        assertThatThrownBy(() -> MasterKeyStore.open(dir)).isInstanceOf(MasterKeyStoreException.class)
                .hasMessageContaining("rwxr-x---").hasMessageContaining("0700");
        try (var entries = Files.list(dir)) {
            assertThat(entries).as("no key written into an open directory").isEmpty();
        }
    }

    @Test
    void leftoversOfAnInterruptedCreationAreRemovedAndOtherFilesIgnored() throws IOException {
        Path dir = data.resolve("keys");
        MasterKeyStore.open(dir);
        Path leftover = dir.resolve("master-00000002.key.tmp");
        Files.write(leftover, new byte[3]);
        Path unrelated = dir.resolve("README");
        Files.writeString(unrelated, "keys");

        MasterKeyStore reopened = MasterKeyStore.open(dir);

        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(reopened.ids()).containsExactly(1);
        assertThat(reopened.rotate().id()).isEqualTo(2);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
