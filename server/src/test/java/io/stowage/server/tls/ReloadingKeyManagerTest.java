package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.it.LogCapture;
import io.stowage.server.tls.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Certificate rotation: new files are served to the next handshake, bad ones never. */
class ReloadingKeyManagerTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture();

    private static Issued ca;

    @TempDir
    Path dir;
    private Path cert;
    private Path key;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCertificates.ca("Rotation CA");
    }

    @BeforeEach
    void paths() {
        cert = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
    }

    @Test
    void servesTheKeyForItsTypeOnly() throws Exception {
        Issued a = write("server-a");
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO);

        String alias = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(keys.getCertificateChain(alias)).containsExactly(a.certificate());
        assertThat(keys.getPrivateKey(alias)).isEqualTo(a.key());
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.getServerAliases("EC", null)).containsExactly(alias);
        // the same identity as a client: cluster nodes present it to their peers
        assertThat(keys.chooseClientAlias(new String[] {"RSA", "EC"}, null, null)).isEqualTo(alias);
        assertThat(keys.chooseEngineClientAlias(new String[] {"EC"}, null, null)).isEqualTo(alias);
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSA"}, null, null)).isNull();
    }

    @Test
    void servesReplacedFilesToTheNextHandshake() throws Exception {
        write("server-a");
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO);
        String aliasA = keys.chooseEngineServerAlias("EC", null, null);

        write("server-b");

        String aliasB = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(subject(keys, aliasB)).isEqualTo("CN=server-b");
        assertThat(subject(keys, aliasA)).as("a handshake that chose the old alias still completes").isEqualTo("CN=server-a");
        assertThat(LOGS.lines()).anyMatch(l -> l.startsWith("INFO") && l.contains("TLS certificate reloaded from " + cert));
    }

    @Test
    void followsAKubernetesSecretVolumeSwappingItsDataLink() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_03_01_v1"));
        writeInto(first, "server-a");
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(cert, Path.of("..data/tls.crt"));
        Files.createSymbolicLink(key, Path.of("..data/tls.key"));
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO);
        assertThat(subject(keys, keys.chooseEngineServerAlias("EC", null, null))).isEqualTo("CN=server-a");

        Path second = Files.createDirectory(dir.resolve("..2026_03_02_v2"));
        writeInto(second, "server-b");
        Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

        assertThat(subject(keys, keys.chooseEngineServerAlias("EC", null, null))).isEqualTo("CN=server-b");
    }

    @Test
    void keepsServingThePreviousCertificateWhenTheNewFilesDoNotFitAndWarnsOnce() throws Exception {
        Issued a = write("server-a");
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO);
        KeyPair other = TestCertificates.ec();
        String otherKey = TestCertificates.pkcs8(other.getPrivate());
        TestCertificates.replace(key, otherKey);

        for (int i = 0; i < 3; i++) {
            assertThat(keys.getCertificateChain(keys.chooseEngineServerAlias("EC", null, null))).containsExactly(a.certificate());
        }
        List<String> warnings = LOGS.lines().stream().filter(l -> l.startsWith("WARN") && l.contains(key.toString())).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).contains("does not match the certificate").doesNotContain("PRIVATE KEY")
                .doesNotContain(otherKey.lines().skip(1).findFirst().orElseThrow());

        Files.writeString(cert, TestCertificates.pem(TestCertificates.server("server-b", other, ca).certificate()));
        assertThat(subject(keys, keys.chooseEngineServerAlias("EC", null, null))).as("fixed: picked up").isEqualTo("CN=server-b");
    }

    @Test
    void keepsServingWhileAFileIsMissingOrHalfWritten() throws Exception {
        Issued a = write("server-a");
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO);
        String pem = Files.readString(cert);

        Files.delete(cert);
        assertThat(keys.getCertificateChain(keys.chooseEngineServerAlias("EC", null, null))).containsExactly(a.certificate());
        Files.writeString(cert, pem.substring(0, pem.length() / 2));
        assertThat(keys.getCertificateChain(keys.chooseEngineServerAlias("EC", null, null))).containsExactly(a.certificate());

        assertThat(LOGS.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains(cert + ": no such file"));
        assertThat(LOGS.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains(cert + ": not a well-formed PEM"));
    }

    @Test
    void looksAtTheFilesAtMostOncePerInterval() throws Exception {
        write("server-a");
        ReloadingKeyManager keys = ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ofHours(1));
        write("server-b");

        assertThat(subject(keys, keys.chooseEngineServerAlias("EC", null, null))).isEqualTo("CN=server-a");
    }

    @Test
    void failsToStartOnUnusableFiles() throws Exception {
        write("server-a");
        TestCertificates.replace(key, TestCertificates.pkcs8(TestCertificates.ec().getPrivate()));

        assertThatThrownBy(() -> ReloadingKeyManager.load(new PemFiles(cert, key, null), Duration.ZERO))
                .isInstanceOf(TlsFileException.class).hasMessageStartingWith(key + ": the private key does not match");
    }

    private Issued write(String name) throws Exception {
        return writeInto(dir, name);
    }

    /** A new key and certificate in dir/tls.key and dir/tls.crt, each replaced by an atomic rename. */
    private static Issued writeInto(Path dir, String name) throws Exception {
        KeyPair keys = TestCertificates.ec();
        Issued issued = TestCertificates.server(name, keys, ca);
        TestCertificates.replace(dir.resolve("tls.key"), TestCertificates.pkcs8(keys.getPrivate()));
        TestCertificates.replace(dir.resolve("tls.crt"), TestCertificates.pem(issued.certificate()));
        return issued;
    }

    private static String subject(ReloadingKeyManager keys, String alias) {
        X509Certificate[] chain = keys.getCertificateChain(alias);
        assertThat(chain).as("chain of " + alias).isNotNull();
        return chain[0].getSubjectX500Principal().getName();
    }
}
