package io.stowage.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Keys, certificates and PEM files made on the spot for the TLS tests. */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate and its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private TestCertificates() {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A self-signed CA. */
    static Issued ca(String name) throws Exception {
        KeyPair keys = ec();
        return new Issued(sign(new X500Name("CN=" + name), keys, null, keys.getPrivate(), true), keys.getPrivate());
    }

    /** An intermediate CA signed by {@code issuer}. */
    static Issued intermediate(String name, Issued issuer) throws Exception {
        KeyPair keys = ec();
        return new Issued(sign(new X500Name("CN=" + name), keys, issuer.certificate(), issuer.key(), true), keys.getPrivate());
    }

    /** A server certificate for 127.0.0.1 and localhost, with the key pair given, signed by {@code issuer}. */
    static Issued server(String name, KeyPair keys, Issued issuer) throws Exception {
        return new Issued(sign(new X500Name("CN=" + name), keys, issuer.certificate(), issuer.key(), false), keys.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X509Certificate issuer, PrivateKey issuerKey,
            boolean ca) throws Exception {
        Instant now = Instant.now();
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    /** PEM as BouncyCastle writes the objects: certificates, or RSA keys as PKCS#1. */
    static String pem(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    /**
     * An EC key as SEC1 ("EC PRIVATE KEY") with its curve inside, as openssl writes it (BouncyCastle's
     * writer leaves the curve out of keys that come from the JDK).
     */
    static String sec1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey sec1 = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) key).getS(),
                info.getPrivateKeyAlgorithm().getParameters());
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return text.toString();
    }

    /** A key as PKCS#8 ("PRIVATE KEY"). */
    static String pkcs8(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    /** Writes {@code content} to a temporary sibling and renames it over {@code file}, as a Secret update would. */
    static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Trust managers that trust only the CA certificates in {@code caFile}. */
    static TrustManager[] trustManagers(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : PemReader.certificates(caFile, Files.readAllBytes(caFile))) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }

    /** A client TLS context that trusts only the CA certificates in {@code caFile}, with a session cache of its own. */
    static SSLContext trusting(Path caFile) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(caFile), null);
        return context;
    }
}
