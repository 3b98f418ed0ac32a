package io.stowage.s3.handler;

import io.stowage.engine.BodyWriter;
import io.stowage.engine.Engine;
import io.stowage.engine.command.PutObject;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.router.PercentDecoder;
import io.stowage.s3.xml.XmlWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;

/**
 * CopyObject. Bytes are copied into a new body, except for a copy of an object onto itself with
 * REPLACE, which only rewrites the metadata and keeps the same body.
 */
public final class CopyObjectHandler {

    private static final int BUFFER = 256 * 1024;

    private final Engine engine;
    private final Clock clock;

    public CopyObjectHandler(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The parsed x-amz-copy-source header. */
    record CopySource(String bucket, String key, String versionId) {

        static CopySource parse(String header) {
            String value = header.trim();
            String versionId = null;
            int q = value.indexOf("?versionId=");
            if (q >= 0) {
                versionId = PercentDecoder.decode(value.substring(q + "?versionId=".length()), true);
                value = value.substring(0, q);
            }
            String path = PercentDecoder.decode(value, false);
            if (path.startsWith("/")) {
                path = path.substring(1);
            }
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
            }
            return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId);
        }
    }

    public S3Response copy(S3Request request) throws IOException {
        ObjectKeys.validate(request.key());
        CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
        String directive = request.header("x-amz-metadata-directive");
        boolean replace = directive != null && directive.trim().equals("REPLACE");
        if (directive != null && !replace && !directive.trim().equals("COPY")) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Unknown metadata directive.");
        }
        Buckets.require(engine, request.bucket());
        boolean ontoItself = source.bucket().equals(request.bucket()) && source.key().equals(request.key());
        if (ontoItself && !replace) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        try (OpenedObject opened = engine.open(source.bucket(), source.key(), source.versionId())) {
            ObjectVersion src = opened.version();
            if (src.deleteMarker()) {
                throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), source.key());
            }
            Preconditions.evaluateCopySource(src,
                    request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-none-match"),
                    request.header("x-amz-copy-source-if-modified-since"), request.header("x-amz-copy-source-if-unmodified-since"));
            if (src.size() > ObjectUpload.MAX_SINGLE_PUT) {
                throw new S3Exception(S3ErrorCode.InvalidRequest, "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
            }
            Map<String, String> headers = replace ? ObjectMetadata.storedHeaders(request.headers()) : src.headers();
            Map<String, String> userMetadata = replace ? ObjectMetadata.userMetadata(request.headers()) : src.userMetadata();
            boolean sameVersion = ontoItself && (source.versionId() == null || source.versionId().equals(src.versionId()));
            ObjectBody body = sameVersion ? src.body() : copyBytes(opened);
            ObjectVersion version = new ObjectVersion(request.key(), ObjectVersion.NULL_ID, false, src.size(), src.etag(),
                    clock.millis(), request.principal(), headers, userMetadata, src.checksums(), body);
            ObjectVersion stored;
            try {
                stored = engine.apply(new PutObject(request.bucket(), version));
            } catch (RuntimeException e) {
                if (body != src.body()) {
                    engine.discard(body);
                }
                throw e;
            }
            XmlWriter xml = new XmlWriter().root("CopyObjectResult")
                    .element("LastModified", HttpDates.xml(stored.lastModifiedMillis()))
                    .element("ETag", ObjectReadHandler.quoted(stored.etag()));
            stored.checksums().forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
            S3Response response = S3Response.xml(200, xml.end("CopyObjectResult").toBytes());
            if (src.versionId() != null && !ObjectVersion.NULL_ID.equals(src.versionId())) {
                response.header("x-amz-copy-source-version-id", src.versionId());
            }
            return response;
        }
    }

    private ObjectBody copyBytes(OpenedObject source) throws IOException {
        byte[] inline = source.inlineData();
        try (BodyWriter writer = engine.newBody(source.version().size())) {
            if (inline != null) {
                writer.write(ByteBuffer.wrap(inline));
            } else {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                long position = 0;
                long size = source.version().size();
                while (position < size) {
                    buffer.clear();
                    int n = source.channel().read(buffer, position);
                    if (n < 0) {
                        throw new IOException("Blob shorter than its metadata says");
                    }
                    position += n;
                    buffer.flip();
                    writer.write(buffer);
                }
            }
            return writer.finish();
        }
    }
}
