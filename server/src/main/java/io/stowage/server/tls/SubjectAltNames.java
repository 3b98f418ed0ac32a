package io.stowage.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The DNS names and IP addresses a server certificate covers, in one canonical form (lower-case
 * names, IP addresses as {@link InetAddress#getHostAddress} writes them) so that the names asked
 * for and those in a certificate compare equal.
 */
record SubjectAltNames(Set<String> dnsNames, Set<String> ipAddresses) {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    SubjectAltNames {
        dnsNames = Set.copyOf(dnsNames);
        ipAddresses = Set.copyOf(ipAddresses);
    }

    /** The names every generated certificate covers: localhost, 127.0.0.1, ::1 and this machine's host name. */
    static List<String> defaults() {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        String host = hostName();
        if (host != null && isDnsName(host.toLowerCase(Locale.ROOT))) {
            names.add(host.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Sorts names into DNS names and IP addresses; each must be one or the other. */
    static SubjectAltNames of(Collection<String> names) {
        Set<String> dns = new HashSet<>();
        Set<String> ips = new HashSet<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (isIpAddress(n)) {
                ips.add(InetAddress.ofLiteral(n).getHostAddress());
            } else if (isDnsName(n)) {
                dns.add(n);
            } else {
                throw new IllegalArgumentException("not a DNS name or IP address: '" + name + "'");
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /** The names in a certificate's subjectAltName extension. */
    static SubjectAltNames of(X509Certificate certificate) throws CertificateParsingException {
        Set<String> dns = new HashSet<>();
        Set<String> ips = new HashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                String value = (String) entry.get(1);
                if (type == SAN_DNS) {
                    dns.add(value.toLowerCase(Locale.ROOT));
                } else if (type == SAN_IP) {
                    ips.add(InetAddress.ofLiteral(value).getHostAddress());
                }
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    GeneralNames toGeneralNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.stream().sorted().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ipAddresses.stream().sorted().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** The name to put in the certificate's subject CN: the first DNS name other than localhost, if any. */
    String commonName() {
        return dnsNames.stream().filter(n -> !n.equals("localhost") && !n.startsWith("*.")).sorted().findFirst()
                .orElse("localhost");
    }

    static boolean isDnsName(String name) {
        return name.length() <= 253 && DNS_NAME.matcher(name).matches();
    }

    /** Whether {@code name} is an IPv4 (dotted quad) or IPv6 literal; never looks anything up. */
    static boolean isIpAddress(String name) {
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress.ofLiteral(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // the name is set but does not resolve: still the name clients on this machine use
            return System.getenv("HOSTNAME");
        }
    }
}
