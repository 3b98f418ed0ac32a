package io.stowage.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.kube.model.ObjectStoreNames;
import io.stowage.kube.tls.CertificateRenewal.Reason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateRenewalTest {

    private static final Instant ISSUED = Instant.parse("2026-01-15T12:00:00Z");
    private static final List<String> NAMES = new ObjectStoreNames("s3", "apps").certificateDnsNames(null);
    private static final CertificateAuthority CA = CertificateAuthority.create("test CA", ISSUED);
    private static final X509Certificate CERT = CA.issueServer(NAMES, ISSUED).certificate();

    @Test
    void aFreshCertificateIsKept() {
        assertThat(CertificateRenewal.check(CERT, CA.certificate(), NAMES, ISSUED)).isEqualTo(Reason.VALID);
        assertThat(CertificateRenewal.check(CERT, CA.certificate(), NAMES, ISSUED.plus(Duration.ofDays(334))))
                .isEqualTo(Reason.VALID);
    }

    @Test
    void renewedThirtyDaysBeforeItEnds() {
        Instant thirtyDaysLeft = ISSUED.plus(Duration.ofDays(365 - 30));

        assertThat(CertificateRenewal.check(CERT, CA.certificate(), NAMES, thirtyDaysLeft)).isEqualTo(Reason.EXPIRING);
        assertThat(CertificateRenewal.check(CERT, CA.certificate(), NAMES, ISSUED.plus(Duration.ofDays(400))))
                .isEqualTo(Reason.EXPIRING);
    }

    @Test
    void reissuedWhenTheNamesChange() {
        List<String> withDomain = new ObjectStoreNames("s3", "apps").certificateDnsNames("s3.example.com");

        assertThat(CertificateRenewal.check(CERT, CA.certificate(), withDomain, ISSUED)).isEqualTo(Reason.NAMES_CHANGED);
    }

    @Test
    void reissuedWhenAnotherCaSignedIt() {
        CertificateAuthority other = CertificateAuthority.create("other CA", ISSUED);

        assertThat(CertificateRenewal.check(CERT, other.certificate(), NAMES, ISSUED)).isEqualTo(Reason.OTHER_ISSUER);
    }

    @Test
    void issuedWhenThereIsNone() {
        assertThat(CertificateRenewal.check(null, CA.certificate(), NAMES, ISSUED)).isEqualTo(Reason.MISSING);
    }
}
