package io.stowage.kube.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether the operator must issue a new server certificate, and why. */
public final class CertificateRenewal {

    /** Renewed when it has less than this left: a month for the pods to pick it up, of a one-year life. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final int DNS_NAME = 2;

    public enum Reason {
        /** No certificate, or one that cannot be read. */
        MISSING,
        /** Within {@link #RENEW_BEFORE} of its end, or already past it. */
        EXPIRING,
        /** It does not cover exactly the names the Services and the domain need. */
        NAMES_CHANGED,
        /** Another CA signed it (the CA Secret was replaced). */
        OTHER_ISSUER,
        VALID
    }

    private CertificateRenewal() {
    }

    /**
     * @param current the certificate in the Secret, or null
     */
    public static Reason check(X509Certificate current, X509Certificate ca, List<String> dnsNames, Instant now) {
        if (current == null) {
            return Reason.MISSING;
        }
        if (!current.getNotAfter().toInstant().minus(RENEW_BEFORE).isAfter(now)) {
            return Reason.EXPIRING;
        }
        if (!dnsNames(current).equals(new HashSet<>(dnsNames))) {
            return Reason.NAMES_CHANGED;
        }
        try {
            current.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Reason.OTHER_ISSUER;
        }
        return Reason.VALID;
    }

    static Set<String> dnsNames(X509Certificate certificate) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                sans.stream().filter(san -> ((Integer) san.getFirst()) == DNS_NAME)
                        .forEach(san -> names.add((String) san.get(1)));
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }
}
