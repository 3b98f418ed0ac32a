package io.stowage.server.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What the server presents in a handshake: its private key and the certificate chain, leaf first,
 * without a self-signed root (clients must have that already).
 */
record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {

    /** Longest chain completed from a CA bundle; real ones have one or two intermediates. */
    private static final int MAX_CHAIN = 8;

    ServerIdentity {
        chain = List.copyOf(chain);
    }

    X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The leaf's subject, serial and expiry; never the key, whose own toString depends on its provider. */
    @Override
    public String toString() {
        return "ServerIdentity[" + describe(leaf()) + ", " + key.getAlgorithm() + " key, chain of " + chain.size() + "]";
    }

    /**
     * Parses the contents of the certificate, key and (optional, null) CA bundle files: checks the
     * key belongs to the leaf certificate, and appends the bundle's intermediates that the
     * certificate file lacks.
     */
    static ServerIdentity parse(PemFiles.Contents files) throws TlsFileException {
        List<X509Certificate> chain = PemReader.certificates(files.certFile(), files.cert());
        PrivateKey key = PemReader.privateKey(files.keyFile(), files.key());
        if (!belongTogether(key, chain.getFirst().getPublicKey())) {
            throw new TlsFileException(files.keyFile(), "the private key does not match the certificate in "
                    + files.certFile() + " (its first certificate must be the server's own)");
        }
        List<X509Certificate> bundle = files.ca() == null ? List.of() : PemReader.certificates(files.caFile(), files.ca());
        return new ServerIdentity(key, complete(chain, bundle));
    }

    /**
     * The chain without self-signed certificates after the leaf, then extended with the bundle's
     * certificates that issued its last one, up to (not including) a self-signed root.
     */
    static List<X509Certificate> complete(List<X509Certificate> given, List<X509Certificate> bundle) {
        List<X509Certificate> chain = new ArrayList<>(given.subList(0, 1));
        given.stream().skip(1).filter(c -> !selfSigned(c)).forEach(chain::add);
        while (chain.size() < MAX_CHAIN && !selfSigned(chain.getLast())) {
            X509Certificate issuer = issuerIn(chain.getLast(), bundle);
            if (issuer == null || selfSigned(issuer) || chain.contains(issuer)) {
                break;
            }
            chain.add(issuer);
        }
        return chain;
    }

    private static X509Certificate issuerIn(X509Certificate certificate, List<X509Certificate> candidates) {
        X500Principal issuerName = certificate.getIssuerX500Principal();
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(issuerName) && signedBy(certificate, candidate.getPublicKey())) {
                return candidate;
            }
        }
        return null;
    }

    static boolean selfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(certificate, certificate.getPublicKey());
    }

    private static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the private key is the one of {@code publicKey}: a signature by one verifies with the other. */
    static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519 and Ed448 sign under their own name
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String describe(X509Certificate certificate) {
        return "subject " + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", expires " + certificate.getNotAfter().toInstant();
    }
}
