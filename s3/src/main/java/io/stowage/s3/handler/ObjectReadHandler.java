package io.stowage.s3.handler;

import io.stowage.s3.sse.BodyCipher;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.Optional;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ObjectBody;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.OpenedObject;
import io.stowage.engine.model.Part;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.PartSlice;
import io.stowage.s3.http.ResponseBody;
import io.stowage.s3.http.S3Response;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GetObject and HeadObject: conditionals, ranges, partNumber, response-* overrides, checksum mode.
 * A multipart object is streamed part by part; the HTTP layer opens each part's blob only when
 * its turn comes.
 */
public final class ObjectReadHandler {

    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "content-type",
            "response-content-language", "content-language",
            "response-expires", "expires",
            "response-cache-control", "cache-control",
            "response-content-disposition", "content-disposition",
            "response-content-encoding", "content-encoding");
    /** Reads retried when the first part of a multipart object is freed between metadata and open. */
    private static final int OPEN_ATTEMPTS = 3;

    private final Engine engine;
    private final ExpirationHeader expiration;
    private final ObjectEncryption encryption;

    public ObjectReadHandler(Engine engine, ExpirationHeader expiration, ObjectEncryption encryption) {
        this.engine = engine;
        this.expiration = expiration;
        this.encryption = encryption;
    }

    public S3Response get(S3Request request) throws IOException {
        return read(request, false);
    }

    public S3Response head(S3Request request) throws IOException {
        return read(request, true);
    }

    /** The first part's blob was freed after the metadata was read: the object was overwritten or deleted. */
    private static final class PartGone extends Exception {
        PartGone() {
            super(null, null, false, false);
        }
    }

    private S3Response read(S3Request request, boolean head) throws IOException {
        Integer partNumber = request.param("partNumber") == null ? null : PartNumbers.parse(request.param("partNumber"));
        if (partNumber != null && request.header("range") != null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "Cannot specify both Range header and partNumber query parameter");
        }
        for (int attempt = 1; ; attempt++) {
            OpenedObject opened = engine.open(request.bucket(), request.key(), request.param("versionId"));
            try {
                return respond(request, head, opened, partNumber);
            } catch (PartGone e) {
                if (attempt == OPEN_ATTEMPTS) {
                    throw new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key());
                }
            }
        }
    }

    /** A delete marker is not an object: 404 when it is the current version, 405 when asked for by its id. */
    static S3Exception deleteMarker(S3Request request, ObjectVersion marker) {
        S3Exception e = request.param("versionId") == null
                ? new S3Exception(S3ErrorCode.NoSuchKey, S3ErrorCode.NoSuchKey.defaultMessage(), request.key())
                : new S3Exception(S3ErrorCode.MethodNotAllowed, S3ErrorCode.MethodNotAllowed.defaultMessage(), request.key())
                        .header("allow", "DELETE")
                        .header("last-modified", HttpDates.header(marker.lastModifiedMillis()));
        e.header("x-amz-delete-marker", "true");
        if (!ObjectVersion.NULL_ID.equals(marker.versionId())) {
            e.header("x-amz-version-id", marker.versionId());
        }
        return e;
    }

    private S3Response respond(S3Request request, boolean head, OpenedObject opened, Integer partNumber) throws IOException, PartGone {
        boolean handedOff = false;
        try {
            ObjectVersion v = opened.version();
            if (v.deleteMarker()) {
                throw deleteMarker(request, v);
            }
            Optional<BodyCipher> cipher = encryption.forRead(request, v);
            Preconditions.Outcome outcome = Preconditions.evaluate(v,
                    request.header("if-match"), request.header("if-none-match"),
                    request.header("if-modified-since"), request.header("if-unmodified-since"));
            if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
                return S3Response.status(304)
                        .header("etag", quoted(v.etag()))
                        .header("last-modified", HttpDates.header(v.lastModifiedMillis()));
            }
            List<Part> parts = v.body() instanceof ObjectBody.Multipart m ? m.parts() : null;
            ByteRange range;
            Part part = null;
            if (partNumber != null) {
                range = partRange(v, parts, partNumber);
                part = parts == null ? null : parts.get(partNumber - 1);
            } else {
                range = ByteRange.parse(request.header("range"), v.size());
            }
            S3Response response = S3Response.status(range == null ? 200 : 206)
                    .header("etag", quoted(v.etag()))
                    .header("last-modified", HttpDates.header(v.lastModifiedMillis()))
                    .header("accept-ranges", "bytes");
            ObjectMetadata.write(v, response);
            ObjectEncryption.writeHeaders(v.encryption(), response);
            ObjectLockHeaders.write(request, v, response);
            if (!head && !v.tags().isEmpty()) {
                response.header("x-amz-tagging-count", v.tags().size());
            }
            expiration.write(request, v, response);
            applyOverrides(request, response);
            if (!ObjectVersion.NULL_ID.equals(v.versionId())) {
                response.header("x-amz-version-id", v.versionId());
            }
            if (partNumber != null && parts != null) {
                response.header("x-amz-mp-parts-count", parts.size());
            }
            if ((range == null || partNumber != null) && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
                if (part != null) {
                    // A part read answers the part's own checksum, which the client can verify against the bytes.
                    StoredChecksums.values(part.checksums()).forEach((algorithm, value) ->
                            response.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
                } else {
                    StoredChecksums.writeHeaders(v.checksums(), response);
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
            if (cipher.isPresent()) {
                handedOff = true;
                return response.body(new ResponseBody.Stream(decrypted(engine, cipher.get(), opened, first, length), length));
            }
            switch (v.body()) {
                case ObjectBody.Inline inline -> {
                    return response.body(new ResponseBody.Bytes(inline.data(), (int) first, (int) length));
                }
                case ObjectBody.Blob blob -> {
                    handedOff = true;
                    return response.body(new ResponseBody.FileSlice(opened.channel(), first, length));
                }
                case ObjectBody.Multipart multipart -> {
                    return response.body(new ResponseBody.Parts(slices(multipart.parts(), first, length)));
                }
            }
        } finally {
            if (!handedOff) {
                opened.close();
            }
        }
    }

    /** The plaintext range of an encrypted object; closing it closes the object's blob. */
    private static InputStream decrypted(Engine engine, BodyCipher cipher, OpenedObject opened, long first, long length) {
        return new FilterInputStream(ObjectEncryption.plaintext(engine, cipher, opened, first, length)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    opened.close();
                }
            }
        };
    }

    /** The byte range of part {@code partNumber}; an object that is not multipart has one part. */
    private static ByteRange partRange(ObjectVersion v, List<Part> parts, int partNumber) {
        int count = parts == null ? 1 : parts.size();
        if (partNumber > count) {
            throw new S3Exception(S3ErrorCode.InvalidPartNumber);
        }
        if (parts == null) {
            return v.size() == 0 ? null : new ByteRange(0, v.size() - 1);
        }
        List<Long> sizes = parts.stream().map(Part::size).toList();
        long offset = PartSlices.offsetOf(sizes, partNumber - 1);
        long size = sizes.get(partNumber - 1);
        return size == 0 ? null : new ByteRange(offset, offset + size - 1);
    }

    /**
     * The slices of a multipart body for a range. The first blob is opened now, so a read that
     * races an overwrite is retried before anything is sent; the others are opened by the HTTP
     * layer as their turn comes.
     */
    private List<PartSlice> slices(List<Part> parts, long first, long length) throws IOException, PartGone {
        List<Long> sizes = parts.stream().map(Part::size).toList();
        List<PartSlice> slices = new ArrayList<>();
        boolean firstBlob = true;
        for (PartSlices.Slice slice : PartSlices.of(sizes, first, length)) {
            switch (parts.get(slice.index()).body()) {
                case ObjectBody.Inline inline ->
                        slices.add(new PartSlice.Bytes(inline.data(), Math.toIntExact(slice.offset()), Math.toIntExact(slice.length())));
                case ObjectBody.Blob blob -> {
                    PartSlice.Source source;
                    if (firstBlob) {
                        firstBlob = false;
                        FileChannel channel;
                        try {
                            channel = engine.openBlob(blob.blobId());
                        } catch (NoSuchFileException e) {
                            throw new PartGone();
                        }
                        source = () -> channel;
                    } else {
                        source = () -> engine.openBlob(blob.blobId());
                    }
                    slices.add(new PartSlice.File(source, slice.offset(), slice.length()));
                }
                case ObjectBody.Multipart nested -> throw new IllegalStateException("a part holds a multipart body");
            }
        }
        return slices;
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
