package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.ResponseBody;
import io.stowage.s3.http.S3Response;
import java.io.IOException;
import java.util.Map;

/** GetObject and HeadObject: conditionals, ranges, response-* overrides, checksum mode. */
public final class ObjectReadHandler {

    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "content-type",
            "response-content-language", "content-language",
            "response-expires", "expires",
            "response-cache-control", "cache-control",
            "response-content-disposition", "content-disposition",
            "response-content-encoding", "content-encoding");

    private final Engine engine;

    public ObjectReadHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response get(S3Request request) throws IOException {
        return read(request, false);
    }

    public S3Response head(S3Request request) throws IOException {
        return read(request, true);
    }

    private S3Response read(S3Request request, boolean head) throws IOException {
        if (request.param("partNumber") != null) {
            throw new S3Exception(S3ErrorCode.NotImplemented, "partNumber is not implemented yet");
        }
        OpenedObject opened = engine.open(request.bucket(), request.key(), request.param("versionId"));
        boolean handedOff = false;
        try {
            ObjectVersion v = opened.version();
            if (v.deleteMarker()) {
                throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key());
            }
            Preconditions.Outcome outcome = Preconditions.evaluate(v,
                    request.header("if-match"), request.header("if-none-match"),
                    request.header("if-modified-since"), request.header("if-unmodified-since"));
            if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
                return S3Response.status(304)
                        .header("etag", quoted(v.etag()))
                        .header("last-modified", HttpDates.header(v.lastModifiedMillis()));
            }
            ByteRange range = ByteRange.parse(request.header("range"), v.size());
            S3Response response = S3Response.status(range == null ? 200 : 206)
                    .header("etag", quoted(v.etag()))
                    .header("last-modified", HttpDates.header(v.lastModifiedMillis()))
                    .header("accept-ranges", "bytes");
            ObjectMetadata.write(v, response);
            applyOverrides(request, response);
            if (!ObjectVersion.NULL_ID.equals(v.versionId())) {
                response.header("x-amz-version-id", v.versionId());
            }
            if (range == null && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
                v.checksums().forEach((algorithm, value) ->
                        response.header("x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT), value));
                if (!v.checksums().isEmpty()) {
                    response.header("x-amz-checksum-type", "FULL_OBJECT");
                }
            }
            long first = range == null ? 0 : range.first();
            long length = range == null ? v.size() : range.length();
            if (range != null) {
                response.header("content-range", range.contentRange(v.size()));
            }
            response.header("content-length", length);
            if (head) {
                return response;
            }
            byte[] inline = opened.inlineData();
            if (inline != null) {
                return response.body(new ResponseBody.Bytes(inline, (int) first, (int) length));
            }
            handedOff = true;
            return response.body(new ResponseBody.FileSlice(opened.channel(), first, length));
        } finally {
            if (!handedOff) {
                opened.close();
            }
        }
    }

    private static void applyOverrides(S3Request request, S3Response response) {
        RESPONSE_OVERRIDES.forEach((param, header) -> {
            String value = request.param(param);
            if (value != null) {
                response.header(header, value);
            }
        });
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
