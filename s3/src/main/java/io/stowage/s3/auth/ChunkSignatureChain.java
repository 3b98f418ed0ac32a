package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * Checks the chained signatures of an aws-chunked body: each chunk's signature covers its data and
 * the previous signature, starting from the request's seed signature; the trailer's covers the
 * trailing headers and the final chunk's signature.
 */
final class ChunkSignatureChain {

    private final Mac mac;
    private final MessageDigest chunkDigest = SigV4Crypto.sha256();
    private final String payloadPrefix;
    private final String trailerPrefix;
    private String previousSignature;

    ChunkSignatureChain(SigningContext signing) {
        this.mac = SigV4Crypto.hmac(signing.signingKey());
        String common = signing.dateTime() + "\n" + signing.scope() + "\n";
        this.payloadPrefix = "AWS4-HMAC-SHA256-PAYLOAD\n" + common;
        this.trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n" + common;
        this.previousSignature = signing.seedSignature();
    }

    /** Feeds data of the current chunk. */
    void update(byte[] bytes, int offset, int length) {
        chunkDigest.update(bytes, offset, length);
    }

    /** Checks {@code claimed} against the chunk fed since the last check, then moves on to the next chunk. */
    void verifyChunk(String claimed) {
        String stringToSign = payloadPrefix + previousSignature + "\n" + SigV4Crypto.EMPTY_SHA256 + "\n"
                + SigV4Crypto.hex(chunkDigest.digest());
        previousSignature = check(stringToSign, claimed, "chunk");
    }

    /** Checks the trailer signature; {@code canonicalTrailers} holds each trailer as "name:value\n". */
    void verifyTrailer(String canonicalTrailers, String claimed) {
        String stringToSign = trailerPrefix + previousSignature + "\n" + SigV4Crypto.sha256Hex(canonicalTrailers);
        check(stringToSign, claimed, "trailer");
    }

    private String check(String stringToSign, String claimed, String what) {
        String expected = SigV4Crypto.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!SigV4Crypto.sameSignature(expected, claimed)) {
            throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch,
                    "The " + what + " signature we calculated does not match the signature you provided.");
        }
        return expected;
    }
}
