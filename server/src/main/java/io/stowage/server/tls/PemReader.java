package io.stowage.server.tls;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM text. Keys may be PKCS#8 ("PRIVATE KEY"), PKCS#1
 * RSA ("RSA PRIVATE KEY") or SEC1 EC ("EC PRIVATE KEY"); blocks of other kinds are skipped, so a
 * combined key-and-certificate file works for both. The keys and certificates are the JDK's own
 * types, so JSSE uses them as it would those of a key store.
 */
final class PemReader {

    private PemReader() {
    }

    /** The certificates in {@code pem}, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, byte[] pem) throws TlsFileException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : blocks(file, pem, "certificate")) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsFileException(file, "certificate " + (certificates.size() + 1) + " is not valid X.509", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsFileException(file, "no PEM certificate found");
        }
        return List.copyOf(certificates);
    }

    /** The one private key in {@code pem}. */
    static PrivateKey privateKey(Path file, byte[] pem) throws TlsFileException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        for (Object block : blocks(file, pem, "private key")) {
            PrivateKeyInfo info = switch (block) {
                case PrivateKeyInfo pkcs8 -> pkcs8;
                case PEMKeyPair legacy -> legacy.getPrivateKeyInfo();
                case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encrypted(file);
                case PEMEncryptedKeyPair encrypted -> throw encrypted(file);
                default -> null;
            };
            if (info == null) {
                continue;
            }
            if (key != null) {
                throw new TlsFileException(file, "more than one private key; the file must hold exactly one");
            }
            try {
                key = converter.getPrivateKey(info);
            } catch (IOException e) {
                throw new TlsFileException(file, "unsupported or damaged private key (algorithm "
                        + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ")");
            }
        }
        if (key == null) {
            throw new TlsFileException(file, "no PEM private key found (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        return key;
    }

    private static List<Object> blocks(Path file, byte[] pem, String what) throws TlsFileException {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            // no cause and no parser message: for a key file either could quote the damaged text
            throw new TlsFileException(file, "not a well-formed PEM " + what + " file (truncated or damaged)");
        }
        return blocks;
    }

    private static TlsFileException encrypted(Path file) {
        return new TlsFileException(file, "the private key is encrypted; give it unencrypted (mode 0600) instead");
    }
}
