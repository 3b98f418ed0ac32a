package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes an aws-chunked body ({@code hex-size[;chunk-signature=sig]\r\n data \r\n ... 0...\r\n},
 * then trailers or an empty line). Chunk data is handed out as it arrives; a chunk's signature is
 * checked when the chunk ends, and every check happens before end of stream is reported.
 */
final class AwsChunkedStream extends PayloadStream {

    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final int MAX_TRAILERS = 32;

    private final LineSource source;
    private final ChunkSignatureChain signatures;
    private final boolean withTrailers;
    private final long declaredLength;
    private final List<String> declaredTrailers;
    private final byte[] single = new byte[1];

    private long chunkRemaining;
    private boolean inChunk;
    private String chunkSignature;
    private long decodedLength;
    private boolean finished;
    private Map<String, String> trailers = Map.of();

    /**
     * @param signatures the chain to check chunk signatures against, or null for unsigned chunks
     * @param withTrailers whether trailing headers follow the final chunk
     * @param declaredLength x-amz-decoded-content-length, or -1 if absent
     * @param declaredTrailers the lower-case trailer names announced in x-amz-trailer
     */
    AwsChunkedStream(LineSource source, ChunkSignatureChain signatures, boolean withTrailers, long declaredLength,
            List<String> declaredTrailers) {
        this.source = source;
        this.signatures = signatures;
        this.withTrailers = withTrailers;
        this.declaredLength = declaredLength;
        this.declaredTrailers = declaredTrailers;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (chunkRemaining == 0) {
            if (inChunk) {
                endChunk();
            }
            if (!beginChunk()) {
                finish();
                return -1;
            }
        }
        int n = source.read(b, off, (int) Math.min(len, chunkRemaining));
        if (n < 0) {
            throw new S3Exception(S3ErrorCode.IncompleteBody, "The request body ended inside an aws-chunked chunk");
        }
        if (signatures != null) {
            signatures.update(b, off, n);
        }
        chunkRemaining -= n;
        decodedLength += n;
        if (declaredLength >= 0 && decodedLength > declaredLength) {
            throw new S3Exception(S3ErrorCode.IncompleteBody,
                    "The decoded body is longer than x-amz-decoded-content-length");
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    @Override
    public Map<String, String> trailers() {
        return trailers;
    }

    /** Reads a chunk header; false for the final, empty chunk (whose signature it checks). */
    private boolean beginChunk() throws IOException {
        String header = source.readLine();
        if (header == null) {
            throw new S3Exception(S3ErrorCode.IncompleteBody, "The request body ended before the final aws-chunked chunk");
        }
        int semicolon = header.indexOf(';');
        long size = parseSize(semicolon < 0 ? header : header.substring(0, semicolon));
        if (signatures != null) {
            chunkSignature = parseSignature(semicolon < 0 ? "" : header.substring(semicolon + 1).trim());
        }
        if (size == 0) {
            if (signatures != null) {
                signatures.verifyChunk(chunkSignature);
            }
            return false;
        }
        chunkRemaining = size;
        inChunk = true;
        return true;
    }

    private void endChunk() throws IOException {
        String rest = source.readLine();
        if (rest == null) {
            throw new S3Exception(S3ErrorCode.IncompleteBody, "The request body ended after an aws-chunked chunk");
        }
        if (!rest.isEmpty()) {
            throw malformed("aws-chunked chunk data is not followed by CRLF");
        }
        if (signatures != null) {
            signatures.verifyChunk(chunkSignature);
        }
        inChunk = false;
    }

    private void finish() throws IOException {
        if (withTrailers) {
            readTrailers();
        } else {
            String end = source.readLine();
            if (end != null && !end.isEmpty()) {
                throw malformed("unexpected data after the final aws-chunked chunk");
            }
        }
        if (declaredLength >= 0 && decodedLength != declaredLength) {
            throw new S3Exception(S3ErrorCode.IncompleteBody,
                    "The decoded body is shorter than x-amz-decoded-content-length");
        }
        for (String name : declaredTrailers) {
            if (!trailers.containsKey(name)) {
                throw new S3Exception(S3ErrorCode.InvalidRequest,
                        "The trailer " + name + " declared in x-amz-trailer is missing");
            }
        }
        finished = true;
    }

    private void readTrailers() throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        String signature = null;
        for (String line = source.readLine(); line != null && !line.isEmpty(); line = source.readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("malformed aws-chunked trailer line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                signature = value;
            } else if (signature != null || read.size() == MAX_TRAILERS) {
                throw malformed("unexpected aws-chunked trailer " + name);
            } else {
                read.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signatures != null && (signature != null || !read.isEmpty())) {
            signatures.verifyTrailer(canonical.toString(), signature);
        }
        trailers = Collections.unmodifiableMap(read);
    }

    private static long parseSize(String hex) {
        String digits = hex.trim();
        if (digits.isEmpty() || digits.length() > 15) {
            throw malformed("malformed aws-chunked chunk size");
        }
        long size = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                throw malformed("malformed aws-chunked chunk size");
            }
            size = size << 4 | digit;
        }
        return size;
    }

    private static String parseSignature(String extension) {
        if (!extension.startsWith(SIGNATURE_EXTENSION)
                || extension.length() != SIGNATURE_EXTENSION.length() + 64) {
            throw malformed("aws-chunked chunk without a valid chunk-signature");
        }
        return extension.substring(SIGNATURE_EXTENSION.length());
    }

    private static S3Exception malformed(String message) {
        return new S3Exception(S3ErrorCode.InvalidRequest, message);
    }
}
