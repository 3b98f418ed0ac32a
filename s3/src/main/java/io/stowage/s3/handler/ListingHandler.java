package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ListObjectsRequest;
import io.stowage.engine.model.ListVersionsRequest;
import io.stowage.engine.model.ObjectListing;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.engine.model.VersionListing;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** ListObjectsV2, ListObjects (v1) and ListObjectVersions. */
public final class ListingHandler {

    private static final int MAX_KEYS = 1000;

    private final Engine engine;

    public ListingHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response listV2(S3Request request) {
        String prefix = nullToEmpty(request.param("prefix"));
        String delimiter = emptyToNull(request.param("delimiter"));
        int maxKeys = maxKeys(request);
        String token = request.param("continuation-token");
        String startAfter = request.param("start-after");
        String from = token != null ? decodeToken(token) : startAfter;
        ObjectListing listing = engine.listObjects(new ListObjectsRequest(request.bucket(), prefix, delimiter, from, maxKeys));
        UnaryOperator<String> enc = encoder(request);
        boolean fetchOwner = "true".equalsIgnoreCase(request.param("fetch-owner"));
        XmlWriter xml = new XmlWriter().root("ListBucketResult")
                .element("Name", request.bucket())
                .element("Prefix", enc.apply(prefix));
        if (delimiter != null) {
            xml.element("Delimiter", enc.apply(delimiter));
        }
        xml.element("MaxKeys", maxKeys)
                .element("KeyCount", listing.objects().size() + listing.commonPrefixes().size())
                .element("IsTruncated", listing.truncated());
        if (token != null) {
            xml.element("ContinuationToken", token);
        }
        if (listing.truncated()) {
            xml.element("NextContinuationToken", encodeToken(listing.nextMarker()));
        }
        if (startAfter != null) {
            xml.element("StartAfter", enc.apply(startAfter));
        }
        if (isUrlEncoding(request)) {
            xml.element("EncodingType", "url");
        }
        writeContents(xml, listing, enc, fetchOwner);
        return S3Response.xml(200, xml.end("ListBucketResult").toBytes());
    }

    public S3Response listV1(S3Request request) {
        String prefix = nullToEmpty(request.param("prefix"));
        String delimiter = emptyToNull(request.param("delimiter"));
        String marker = request.param("marker");
        int maxKeys = maxKeys(request);
        ObjectListing listing = engine.listObjects(new ListObjectsRequest(request.bucket(), prefix, delimiter, marker, maxKeys));
        UnaryOperator<String> enc = encoder(request);
        XmlWriter xml = new XmlWriter().root("ListBucketResult")
                .element("Name", request.bucket())
                .element("Prefix", enc.apply(prefix))
                .element("Marker", enc.apply(nullToEmpty(marker)));
        if (delimiter != null) {
            xml.element("Delimiter", enc.apply(delimiter));
        }
        xml.element("MaxKeys", maxKeys).element("IsTruncated", listing.truncated());
        if (listing.truncated()) {
            xml.element("NextMarker", enc.apply(listing.nextMarker()));
        }
        if (isUrlEncoding(request)) {
            xml.element("EncodingType", "url");
        }
        writeContents(xml, listing, enc, true);
        return S3Response.xml(200, xml.end("ListBucketResult").toBytes());
    }

    public S3Response listVersions(S3Request request) {
        String prefix = nullToEmpty(request.param("prefix"));
        String delimiter = emptyToNull(request.param("delimiter"));
        String keyMarker = emptyToNull(request.param("key-marker"));
        String versionIdMarker = emptyToNull(request.param("version-id-marker"));
        if (versionIdMarker != null && keyMarker == null) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "A version-id marker cannot be specified without a key marker.");
        }
        int maxKeys = maxKeys(request);
        VersionListing listing = engine.listVersions(
                new ListVersionsRequest(request.bucket(), prefix, delimiter, keyMarker, versionIdMarker, maxKeys));
        UnaryOperator<String> enc = encoder(request);
        XmlWriter xml = new XmlWriter().root("ListVersionsResult")
                .element("Name", request.bucket())
                .element("Prefix", enc.apply(prefix))
                .element("KeyMarker", enc.apply(nullToEmpty(keyMarker)))
                .element("VersionIdMarker", nullToEmpty(versionIdMarker));
        if (delimiter != null) {
            xml.element("Delimiter", enc.apply(delimiter));
        }
        xml.element("MaxKeys", maxKeys).element("IsTruncated", listing.truncated());
        if (listing.truncated()) {
            xml.element("NextKeyMarker", enc.apply(listing.nextKeyMarker()));
            xml.optional("NextVersionIdMarker", listing.nextVersionIdMarker());
        }
        if (isUrlEncoding(request)) {
            xml.element("EncodingType", "url");
        }
        for (VersionListing.Entry entry : listing.versions()) {
            ObjectVersion v = entry.version();
            String element = v.deleteMarker() ? "DeleteMarker" : "Version";
            xml.start(element)
                    .element("Key", enc.apply(v.key()))
                    .element("VersionId", v.versionId())
                    .element("IsLatest", entry.latest())
                    .element("LastModified", HttpDates.xml(v.lastModifiedMillis()));
            if (!v.deleteMarker()) {
                xml.element("ETag", ObjectReadHandler.quoted(v.etag())).element("Size", v.size()).element("StorageClass", "STANDARD");
            }
            owner(xml, v.owner());
            xml.end(element);
        }
        for (String commonPrefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(commonPrefix)).end("CommonPrefixes");
        }
        return S3Response.xml(200, xml.end("ListVersionsResult").toBytes());
    }

    private static void writeContents(XmlWriter xml, ObjectListing listing, UnaryOperator<String> enc, boolean withOwner) {
        for (ObjectVersion v : listing.objects()) {
            xml.start("Contents")
                    .element("Key", enc.apply(v.key()))
                    .element("LastModified", HttpDates.xml(v.lastModifiedMillis()))
                    .element("ETag", ObjectReadHandler.quoted(v.etag()))
                    .element("Size", v.size())
                    .element("StorageClass", "STANDARD");
            if (withOwner) {
                owner(xml, v.owner());
            }
            xml.end("Contents");
        }
        for (String commonPrefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(commonPrefix)).end("CommonPrefixes");
        }
    }

    static void owner(XmlWriter xml, String owner) {
        if (owner == null) {
            return; // an anonymous writer's delete marker has no owner to show
        }
        xml.start("Owner").element("ID", owner).element("DisplayName", owner).end("Owner");
    }

    private static int maxKeys(S3Request request) {
        String value = request.param("max-keys");
        if (value == null) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Provided max-keys not an integer or within integer range");
        }
    }

    static boolean isUrlEncoding(S3Request request) {
        String type = request.param("encoding-type");
        if (type != null && !type.equals("url")) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid Encoding Method specified in Request");
        }
        return type != null;
    }

    static UnaryOperator<String> encoder(S3Request request) {
        return isUrlEncoding(request) ? s -> URLEncoder.encode(s, StandardCharsets.UTF_8) : UnaryOperator.identity();
    }

    static String encodeToken(String marker) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(token))).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "The continuation token provided is incorrect");
        }
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
