package io.stowage.s3.auth;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wraps a raw request body in the {@link PayloadStream} its authentication calls for. */
public final class PayloadDecoder {

    private PayloadDecoder() {
    }

    /**
     * Decodes {@code body} as {@code authentication} describes it.
     *
     * @param headers the request headers by lower-case name; x-amz-decoded-content-length and
     *     x-amz-trailer are read for aws-chunked bodies
     */
    public static PayloadStream decode(InputStream body, Authentication authentication,
            Map<String, List<String>> headers) {
        return switch (authentication.payloadMode()) {
            case UNSIGNED -> new PlainPayloadStream(body);
            case SIGNED -> new Sha256PayloadStream(body, authentication.payloadSha256());
            case STREAMING_SIGNED -> chunked(body, new ChunkSignatureChain(authentication.signing()), false, headers);
            case STREAMING_SIGNED_TRAILER ->
                chunked(body, new ChunkSignatureChain(authentication.signing()), true, headers);
            case STREAMING_UNSIGNED_TRAILER -> chunked(body, null, true, headers);
        };
    }

    private static PayloadStream chunked(InputStream body, ChunkSignatureChain signatures,
            boolean trailers, Map<String, List<String>> headers) {
        return new AwsChunkedStream(new LineSource(body), signatures, trailers,
                decodedLength(first(headers, "x-amz-decoded-content-length")),
                trailers ? declaredTrailers(headers.getOrDefault("x-amz-trailer", List.of())) : List.of());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static long decodedLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new S3Exception(S3ErrorCode.InvalidArgument,
                "x-amz-decoded-content-length must be a non-negative integer");
    }

    private static List<String> declaredTrailers(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
