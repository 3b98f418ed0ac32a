package io.stowage.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stowage.kube.model.ObjectStoreNames;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final List<String> NAMES = new ObjectStoreNames("s3", "apps").certificateDnsNames("s3.example.com");

    private static CertificateAuthority ca;
    private static IssuedCertificate server;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("Stowage CA apps/s3", NOW);
        server = ca.issueServer(NAMES, NOW);
    }

    @Test
    void theCaIsASelfSignedCaForTenYears() throws Exception {
        X509Certificate cert = ca.certificate();

        assertThat(cert.getBasicConstraints()).isZero();
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
        assertThatCode(() -> cert.verify(cert.getPublicKey())).doesNotThrowAnyException();
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.CA_VALIDITY));
        cert.checkValidity(java.util.Date.from(NOW));
    }

    @Test
    void theServerCertificateCoversEveryNameAndIsSignedByTheCa() throws Exception {
        X509Certificate cert = server.certificate();

        assertThat(CertificateRenewal.dnsNames(cert)).containsExactlyInAnyOrderElementsOf(NAMES);
        assertThatCode(() -> cert.verify(ca.certificate().getPublicKey())).doesNotThrowAnyException();
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void theServerCertificateLastsAYearFromAnHourBeforeItsIssue() {
        X509Certificate cert = server.certificate();

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void serialsDiffer() {
        assertThat(ca.issueServer(NAMES, NOW).certificate().getSerialNumber())
                .isNotEqualTo(server.certificate().getSerialNumber())
                .isPositive();
    }

    @Test
    void pemRoundTripsTheCertificateAndThePkcs8Key() throws Exception {
        String certPem = Pem.certificate(server.certificate());
        String keyPem = Pem.privateKey(server.key());

        assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.parseCertificate(certPem)).isEqualTo(server.certificate());
        assertThat(Pem.parsePrivateKey(keyPem, CertificateAuthority.KEY_ALGORITHM)).isEqualTo(server.key());
    }

    @Test
    void toStringShowsNoKey() {
        assertThat(server.toString()).contains("CN=s3").doesNotContain("PRIVATE");
    }
}
