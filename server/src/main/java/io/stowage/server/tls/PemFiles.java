package io.stowage.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a server identity is read from: certificate chain, private key and an optional CA
 * bundle (null when there is none).
 */
record PemFiles(Path certFile, Path keyFile, Path caFile) {

    /** The bytes of the files as read together, so the checks and the parse see the same version. */
    record Contents(Path certFile, byte[] cert, Path keyFile, byte[] key, Path caFile, byte[] ca) {

        /** A SHA-256 over all the files: equal digests, same identity. */
        byte[] digest() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] content : ca == null ? List.of(cert, key) : List.of(cert, key, ca)) {
                    sha.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
                    sha.update((byte) ':');
                    sha.update(content);
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /**
     * What a file looked like on disk without reading it: where its path leads after symbolic links
     * (a Kubernetes Secret volume swaps a ..data link to update its files), last modification and
     * size. A file that cannot be seen has time and size -1.
     */
    record Stamp(Path realPath, long modifiedMillis, long size) {
    }

    Contents read() throws TlsFileException {
        return new Contents(certFile, bytes(certFile), keyFile, bytes(keyFile), caFile, caFile == null ? null : bytes(caFile));
    }

    List<Stamp> stamps() {
        List<Stamp> stamps = new ArrayList<>(3);
        stamps.add(stamp(certFile));
        stamps.add(stamp(keyFile));
        if (caFile != null) {
            stamps.add(stamp(caFile));
        }
        return stamps;
    }

    private static Stamp stamp(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return new Stamp(real, attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            return new Stamp(file, -1, -1);
        }
    }

    private static byte[] bytes(Path file) throws TlsFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(file, "no such file");
        } catch (IOException e) {
            throw new TlsFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
