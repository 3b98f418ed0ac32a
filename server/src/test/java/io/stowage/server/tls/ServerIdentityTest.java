package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.server.tls.TestCertificates.Issued;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a certificate chain and its key from PEM files, as `--tls files` does. */
class ServerIdentityTest {

    /** What `openssl ecparam -genkey` writes before the key: the curve, P-256. */
    private static final String EC_PARAMETERS = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";

    private static Issued ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCertificates.ca("Test Root");
    }

    @Test
    void readsRsaKeysAsPkcs8() throws Exception {
        KeyPair keys = TestCertificates.rsa();
        ServerIdentity identity = parse(TestCertificates.pem(TestCertificates.server("rsa", keys, ca).certificate()),
                TestCertificates.pkcs8(keys.getPrivate()), "-----BEGIN PRIVATE KEY-----");
        assertThat(identity.key().getAlgorithm()).isEqualTo("RSA");
        assertThat(identity.chain()).hasSize(1);
    }

    @Test
    void readsRsaKeysAsPkcs1() throws Exception {
        KeyPair keys = TestCertificates.rsa();
        ServerIdentity identity = parse(TestCertificates.pem(TestCertificates.server("rsa", keys, ca).certificate()),
                TestCertificates.pem(keys.getPrivate()), "-----BEGIN RSA PRIVATE KEY-----");
        assertThat(identity.key().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void readsEcKeysAsSec1WithOrWithoutParameters() throws Exception {
        KeyPair keys = TestCertificates.ec();
        String cert = TestCertificates.pem(TestCertificates.server("ec", keys, ca).certificate());
        String sec1 = TestCertificates.sec1(keys.getPrivate());
        assertThat(parse(cert, sec1, "-----BEGIN EC PRIVATE KEY-----").key().getAlgorithm()).isEqualTo("EC");
        assertThat(parse(cert, EC_PARAMETERS + sec1, "-----BEGIN EC PARAMETERS-----").key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsEcKeysAsPkcs8() throws Exception {
        KeyPair keys = TestCertificates.ec();
        ServerIdentity identity = parse(TestCertificates.pem(TestCertificates.server("ec", keys, ca).certificate()),
                TestCertificates.pkcs8(keys.getPrivate()), "-----BEGIN PRIVATE KEY-----");
        assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsOneFileHoldingKeyAndCertificate() throws Exception {
        KeyPair keys = TestCertificates.ec();
        Path both = dir.resolve("both.pem");
        Files.writeString(both, TestCertificates.pkcs8(keys.getPrivate())
                + TestCertificates.pem(TestCertificates.server("ec", keys, ca).certificate()));
        assertThat(ServerIdentity.parse(new PemFiles(both, both, null).read()).leaf().getSubjectX500Principal().getName())
                .isEqualTo("CN=ec");
    }

    @Test
    void refusesAKeyOfAnotherCertificateNamingTheFiles() throws Exception {
        String cert = TestCertificates.pem(TestCertificates.server("ec", TestCertificates.ec(), ca).certificate());
        String otherKey = TestCertificates.pkcs8(TestCertificates.ec().getPrivate());
        assertThatThrownBy(() -> parse(cert, otherKey, "-----BEGIN"))
                .isInstanceOf(TlsFileException.class)
                .hasMessage(dir.resolve("tls.key") + ": the private key does not match the certificate in "
                        + dir.resolve("tls.crt") + " (its first certificate must be the server's own)")
                .satisfies(e -> assertThat(((TlsFileException) e).file()).isEqualTo(dir.resolve("tls.key")));
        String rsaKey = TestCertificates.pkcs8(TestCertificates.rsa().getPrivate());
        assertThatThrownBy(() -> parse(cert, rsaKey, "-----BEGIN")).hasMessageContaining("does not match");
    }

    @Test
    void namesAMissingOrDamagedFileWithoutQuotingTheKey() throws Exception {
        KeyPair keys = TestCertificates.ec();
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Files.writeString(cert, TestCertificates.pem(TestCertificates.server("ec", keys, ca).certificate()));
        assertThatThrownBy(() -> new PemFiles(cert, key, null).read())
                .isInstanceOf(TlsFileException.class).hasMessage(key + ": no such file");

        String pem = TestCertificates.pkcs8(keys.getPrivate());
        String half = pem.substring(0, pem.length() / 2);
        Files.writeString(key, half);
        assertThatThrownBy(() -> ServerIdentity.parse(new PemFiles(cert, key, null).read()))
                .isInstanceOf(TlsFileException.class)
                .hasMessage(key + ": not a well-formed PEM private key file (truncated or damaged)")
                .hasNoCause();

        Files.writeString(key, "");
        assertThatThrownBy(() -> ServerIdentity.parse(new PemFiles(cert, key, null).read()))
                .hasMessage(key + ": no PEM private key found (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        Files.writeString(key, pem);
        Files.writeString(cert, "not a certificate\n");
        assertThatThrownBy(() -> ServerIdentity.parse(new PemFiles(cert, key, null).read()))
                .hasMessage(cert + ": no PEM certificate found");
    }

    @Test
    void refusesEncryptedKeys() throws Exception {
        KeyPair keys = TestCertificates.ec();
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                .setPassword("secret".toCharArray()).build();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
        }
        assertThatThrownBy(() -> parse(TestCertificates.pem(TestCertificates.server("ec", keys, ca).certificate()),
                text.toString(), "-----BEGIN ENCRYPTED PRIVATE KEY-----"))
                .hasMessageContaining("the private key is encrypted");
    }

    @Test
    void completesTheChainFromTheCaBundleWithoutTheRoot() throws Exception {
        Issued intermediate = TestCertificates.intermediate("Test Intermediate", ca);
        KeyPair keys = TestCertificates.ec();
        Issued leaf = TestCertificates.server("leaf", keys, intermediate);
        Path bundle = dir.resolve("ca.crt");
        Files.writeString(bundle, TestCertificates.pem(ca.certificate(), TestCertificates.ca("Unrelated").certificate(),
                intermediate.certificate()));

        ServerIdentity completed = parseWithBundle(TestCertificates.pem(leaf.certificate()),
                TestCertificates.pkcs8(keys.getPrivate()), bundle);
        assertThat(completed.chain()).containsExactly(leaf.certificate(), intermediate.certificate());

        ServerIdentity given = parseWithBundle(
                TestCertificates.pem(leaf.certificate(), intermediate.certificate(), ca.certificate()),
                TestCertificates.pkcs8(keys.getPrivate()), null);
        assertThat(given.chain()).as("the root is never sent").containsExactly(leaf.certificate(), intermediate.certificate());
    }

    private ServerIdentity parse(String cert, String key, String keyFileStart) throws Exception {
        assertThat(key).as("key file format").startsWith(keyFileStart);
        return parseWithBundle(cert, key, null);
    }

    private ServerIdentity parseWithBundle(String cert, String key, Path caFile) throws Exception {
        Path certFile = dir.resolve("tls.crt");
        Path keyFile = dir.resolve("tls.key");
        Files.writeString(certFile, cert);
        Files.writeString(keyFile, key);
        return ServerIdentity.parse(new PemFiles(certFile, keyFile, caFile).read());
    }
}
