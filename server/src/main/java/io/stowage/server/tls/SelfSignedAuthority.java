package io.stowage.server.tls;

import io.stowage.server.secret.PrivateFiles;
import io.stowage.server.secret.RandomSecrets;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of {@code --tls auto}: a CA of this server's own and a server certificate it
 * signs, ECDSA P-256, kept in {@code <dataDir>/tls} (ca.crt, ca.key, tls.crt, tls.key; the keys
 * mode 0600). Files already there are reused while valid; the server certificate is issued again,
 * under the same CA, when it is about to expire or covers other names than asked for. Clients
 * trust ca.crt.
 */
final class SelfSignedAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedAuthority.class);

    static final String DIRECTORY = "tls";
    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String SERVER_CERT = "tls.crt";
    static final String SERVER_KEY = "tls.key";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** A certificate expiring sooner than this is replaced at start. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Certificates start a little in the past, for clients whose clocks are behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its key. */
    private record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private final Path dir;
    private final Clock clock;

    SelfSignedAuthority(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve(DIRECTORY);
        this.clock = clock;
    }

    /**
     * Makes sure the directory holds a valid CA and a server certificate for {@code names} (DNS
     * names and IP addresses), creating what is missing, and returns the files to serve.
     */
    PemFiles ensure(Collection<String> names) throws IOException {
        Files.createDirectories(dir);
        SubjectAltNames wanted = SubjectAltNames.of(names);
        Issued ca = reusableCa();
        if (ca == null) {
            ca = issueCa();
        }
        if (!reusableServerCertificate(ca.certificate(), wanted)) {
            issueServerCertificate(ca, wanted);
        }
        return new PemFiles(dir.resolve(SERVER_CERT), dir.resolve(SERVER_KEY), dir.resolve(CA_CERT));
    }

    private Issued reusableCa() {
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        if (!Files.exists(certFile) && !Files.exists(keyFile)) {
            return null;
        }
        try {
            ServerIdentity ca = ServerIdentity.parse(new PemFiles(certFile, keyFile, null).read());
            X509Certificate certificate = ca.leaf();
            if (certificate.getBasicConstraints() < 0 || !ServerIdentity.selfSigned(certificate)) {
                LOG.warn("{} is not a self-signed CA certificate; generating a new CA, which clients must trust instead",
                        certFile);
                return null;
            }
            if (expiresSoon(certificate)) {
                LOG.warn("The CA in {} expires on {}; generating a new CA, which clients must trust instead", certFile,
                        certificate.getNotAfter().toInstant());
                return null;
            }
            return new Issued(certificate, ca.key());
        } catch (TlsFileException e) {
            LOG.warn("Cannot use the generated CA ({}); generating a new CA, which clients must trust instead",
                    e.getMessage());
            return null;
        }
    }

    private boolean reusableServerCertificate(X509Certificate caCertificate, SubjectAltNames wanted) {
        try {
            ServerIdentity server = ServerIdentity.parse(
                    new PemFiles(dir.resolve(SERVER_CERT), dir.resolve(SERVER_KEY), null).read());
            X509Certificate certificate = server.leaf();
            certificate.verify(caCertificate.getPublicKey());
            return !expiresSoon(certificate) && SubjectAltNames.of(certificate).equals(wanted);
        } catch (TlsFileException | GeneralSecurityException e) {
            // missing, damaged or from another CA: issue a new one
            return false;
        }
    }

    private boolean expiresSoon(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
    }

    private Issued issueCa() throws IOException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("O=Stowage,CN=Stowage CA " + RandomSecrets.hexToken(4));
        X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(name, serial(), notBefore(),
                notAfter(CA_VALIDITY), name, keys.getPublic()), keys.getPublic(), null, keys.getPrivate(), true, null);
        PrivateFiles.write(dir.resolve(CA_KEY), pem(keys.getPrivate()));
        writePublic(dir.resolve(CA_CERT), pem(certificate));
        LOG.info("Generated a TLS CA in {}: clients trust it by its certificate {}", dir, dir.resolve(CA_CERT));
        return new Issued(certificate, keys.getPrivate());
    }

    private void issueServerCertificate(Issued ca, SubjectAltNames names) throws IOException {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500Name("O=Stowage,CN=" + names.commonName());
        X509Certificate certificate = sign(new JcaX509v3CertificateBuilder(ca.certificate(), serial(), notBefore(),
                notAfter(SERVER_VALIDITY), subject, keys.getPublic()), keys.getPublic(), ca.certificate(), ca.key(),
                false, names);
        // key first: a crash between the two leaves a pair that does not match, issued anew next start
        PrivateFiles.write(dir.resolve(SERVER_KEY), pem(keys.getPrivate()));
        writePublic(dir.resolve(SERVER_CERT), pem(certificate));
        LOG.info("Issued the TLS server certificate {} for {} {}, valid until {}", dir.resolve(SERVER_CERT),
                names.dnsNames(), names.ipAddresses(), certificate.getNotAfter().toInstant());
    }

    /** Adds the extensions of a CA ({@code names} null) or of a server certificate, and signs. */
    private static X509Certificate sign(X509v3CertificateBuilder builder, PublicKey subjectKey, X509Certificate issuer,
            PrivateKey issuerKey, boolean ca, SubjectAltNames names) throws IOException {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                    ? extensions.createAuthorityKeyIdentifier(subjectKey)
                    : extensions.createAuthorityKeyIdentifier(issuer));
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                // clientAuth too: cluster nodes will present the same certificate to each other
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames());
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey)));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has EC P-256", e);
        }
    }

    /** 159 random bits: positive, unique, and within the 20 octets RFC 5280 allows. */
    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).setBit(0);
    }

    private Date notBefore() {
        return Date.from(clock.instant().minus(BACKDATE));
    }

    private Date notAfter(Duration validity) {
        return Date.from(clock.instant().plus(validity));
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    /** PKCS#8, unencrypted: the file's mode protects it. */
    private static String pem(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    /** Certificates are public: written whole under a temporary name, then renamed into place. */
    private static void writePublic(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
