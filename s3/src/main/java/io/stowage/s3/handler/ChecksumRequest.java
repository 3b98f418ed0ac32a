package io.stowage.s3.handler;

import io.netty.handler.codec.http.HttpHeaders;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The checksum a client sends with a body: a value in an x-amz-checksum-* header, or one promised
 * in a trailer (x-amz-trailer), or only an algorithm (x-amz-sdk-checksum-algorithm) to compute.
 *
 * @param headerValue the base64 value from a header, or null when it comes in a trailer or not at all
 * @param trailerName the trailer carrying the value, or null
 */
record ChecksumRequest(ChecksumAlgorithm algorithm, String headerValue, String trailerName) {

    static ChecksumRequest of(HttpHeaders headers) {
        ChecksumRequest found = null;
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = headers.get(algorithm.headerName());
            if (value != null) {
                if (found != null) {
                    throw new S3Exception(S3ErrorCode.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                validate(algorithm, value.trim(), algorithm.headerName());
                found = new ChecksumRequest(algorithm, value.trim(), null);
            }
        }
        String trailer = headers.get("x-amz-trailer");
        if (trailer != null) {
            String name = trailer.trim().toLowerCase(Locale.ROOT);
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(name)
                    .orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidRequest, "The value specified in the x-amz-trailer header is not supported"));
            if (found != null) {
                throw new S3Exception(S3ErrorCode.InvalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            found = new ChecksumRequest(algorithm, null, name);
        }
        String sdkAlgorithm = headers.get("x-amz-sdk-checksum-algorithm");
        if (found == null && sdkAlgorithm != null) {
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(sdkAlgorithm.trim())
                    .orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid."));
            found = new ChecksumRequest(algorithm, null, null);
        }
        return found;
    }

    /** The value to compare with: from the header, from the trailer, or none (then the computed value stands). */
    String expectedValue(Map<String, String> trailers) {
        if (headerValue != null) {
            return headerValue;
        }
        if (trailerName == null) {
            return null;
        }
        String value = trailers.get(trailerName);
        if (value == null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "The trailer " + trailerName + " was declared but not sent");
        }
        validate(algorithm, value.trim(), trailerName);
        return value.trim();
    }

    private static void validate(ChecksumAlgorithm algorithm, String value, String name) {
        try {
            if (Base64.getDecoder().decode(value).length == algorithm.digestLength()) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new S3Exception(S3ErrorCode.InvalidRequest, "Value for " + name + " header is invalid.");
    }
}
