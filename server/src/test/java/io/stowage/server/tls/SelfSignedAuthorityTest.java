package io.stowage.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA and server certificate of `--tls auto`. */
class SelfSignedAuthorityTest {

    private static final List<String> NAMES = List.of("localhost", "127.0.0.1", "::1", "s3.example.test");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void createsACaAndAServerCertificateWithPrivateKeys() throws Exception {
        PemFiles files = authority(NOW).ensure(NAMES);

        Path tls = data.resolve("tls");
        assertThat(files).isEqualTo(new PemFiles(tls.resolve("tls.crt"), tls.resolve("tls.key"), tls.resolve("ca.crt")));
        for (String key : List.of("ca.key", "tls.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(key)))).as(key)
                    .isEqualTo("rw-------");
        }
        assertThat(tls.resolve("tls.key.tmp")).doesNotExist();

        X509Certificate ca = ServerIdentity.parse(new PemFiles(tls.resolve("ca.crt"), tls.resolve("ca.key"), null).read()).leaf();
        assertThat(ca.getBasicConstraints()).as("CA:true").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()).as("keyCertSign, cRLSign").containsExactly(
                false, false, false, false, false, true, true, false, false);
        assertThat(ServerIdentity.selfSigned(ca)).isTrue();
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

        ServerIdentity server = ServerIdentity.parse(files.read());
        X509Certificate leaf = server.leaf();
        assertThat(server.chain()).as("the root is not sent").hasSize(1);
        leaf.verify(ca.getPublicKey());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(leaf.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=s3.example.test,O=Stowage");
        assertThat(SubjectAltNames.of(leaf)).isEqualTo(new SubjectAltNames(Set.of("localhost", "s3.example.test"),
                Set.of("127.0.0.1", "0:0:0:0:0:0:0:1")));
        assertThat(server.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void reusesValidFiles() throws Exception {
        authority(NOW).ensure(NAMES);
        List<byte[]> before = contents();

        authority(NOW.plus(Duration.ofDays(100))).ensure(List.of("S3.example.test", "::1", "127.0.0.1", "localhost"));

        assertThat(contents()).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void reissuesTheServerCertificateForOtherNamesKeepingTheCa() throws Exception {
        authority(NOW).ensure(NAMES);
        List<byte[]> before = contents();

        PemFiles files = authority(NOW).ensure(List.of("localhost", "127.0.0.1", "::1", "stowage.internal"));

        List<byte[]> after = contents();
        assertThat(after.get(0)).as("ca.crt").isEqualTo(before.get(0));
        assertThat(after.get(1)).as("ca.key").isEqualTo(before.get(1));
        assertThat(after.get(2)).as("tls.crt").isNotEqualTo(before.get(2));
        assertThat(SubjectAltNames.of(ServerIdentity.parse(files.read()).leaf()).dnsNames())
                .containsExactlyInAnyOrder("localhost", "stowage.internal");
    }

    @Test
    void reissuesTheServerCertificateThirtyDaysBeforeItExpires() throws Exception {
        authority(NOW).ensure(NAMES);
        List<byte[]> before = contents();

        authority(NOW.plus(Duration.ofDays(334))).ensure(NAMES);
        assertThat(contents().get(2)).as("31 days left: kept").isEqualTo(before.get(2));

        Instant later = NOW.plus(Duration.ofDays(336));
        PemFiles files = authority(later).ensure(NAMES);
        assertThat(contents().get(0)).as("ca.crt").isEqualTo(before.get(0));
        assertThat(ServerIdentity.parse(files.read()).leaf().getNotAfter().toInstant())
                .isEqualTo(later.plus(Duration.ofDays(365)));
    }

    @Test
    void replacesADamagedServerKey() throws Exception {
        authority(NOW).ensure(NAMES);
        Files.writeString(data.resolve("tls/tls.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");

        PemFiles files = authority(NOW).ensure(NAMES);

        assertThat(ServerIdentity.parse(files.read()).chain()).hasSize(1);
    }

    @Test
    void anotherCaIssuesANewServerCertificate() throws Exception {
        authority(NOW).ensure(NAMES);
        Files.delete(data.resolve("tls/ca.key"));
        Files.delete(data.resolve("tls/ca.crt"));

        PemFiles files = authority(NOW).ensure(NAMES);

        X509Certificate ca = PemReader.certificates(files.caFile(), Files.readAllBytes(files.caFile())).getFirst();
        ServerIdentity.parse(files.read()).leaf().verify(ca.getPublicKey());
    }

    private SelfSignedAuthority authority(Instant now) {
        return new SelfSignedAuthority(data, Clock.fixed(now, ZoneOffset.UTC));
    }

    private List<byte[]> contents() throws Exception {
        Path tls = data.resolve("tls");
        return List.of(Files.readAllBytes(tls.resolve("ca.crt")), Files.readAllBytes(tls.resolve("ca.key")),
                Files.readAllBytes(tls.resolve("tls.crt")), Files.readAllBytes(tls.resolve("tls.key")));
    }
}
