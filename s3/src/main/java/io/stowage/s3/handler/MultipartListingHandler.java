package io.stowage.s3.handler;

import io.stowage.engine.Engine;
import io.stowage.engine.model.ListUploadsRequest;
import io.stowage.engine.model.MultipartUpload;
import io.stowage.engine.model.Part;
import io.stowage.engine.model.PartListing;
import io.stowage.engine.model.UploadListing;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.xml.XmlWriter;
import java.util.function.UnaryOperator;

/** ListMultipartUploads and ListParts. */
public final class MultipartListingHandler {

    private static final int MAX_PAGE = 1000;

    private final Engine engine;

    public MultipartListingHandler(Engine engine) {
        this.engine = engine;
    }

    public S3Response listUploads(S3Request request) {
        String prefix = ListingHandler.nullToEmpty(request.param("prefix"));
        String delimiter = ListingHandler.emptyToNull(request.param("delimiter"));
        String keyMarker = ListingHandler.emptyToNull(request.param("key-marker"));
        // As in S3, an upload-id marker means something only together with a key marker.
        String uploadIdMarker = keyMarker == null ? null : ListingHandler.emptyToNull(request.param("upload-id-marker"));
        int maxUploads = pageSize(request, "max-uploads");
        UnaryOperator<String> enc = ListingHandler.encoder(request);
        Buckets.require(engine, request.bucket());
        UploadListing listing = engine.listUploads(
                new ListUploadsRequest(request.bucket(), prefix, delimiter, keyMarker, uploadIdMarker, maxUploads));
        XmlWriter xml = new XmlWriter().root("ListMultipartUploadsResult")
                .element("Bucket", request.bucket())
                .element("KeyMarker", enc.apply(ListingHandler.nullToEmpty(keyMarker)))
                .element("UploadIdMarker", ListingHandler.nullToEmpty(uploadIdMarker));
        if (listing.truncated()) {
            xml.optional("NextKeyMarker", listing.nextKeyMarker() == null ? null : enc.apply(listing.nextKeyMarker()));
            xml.optional("NextUploadIdMarker", listing.nextUploadIdMarker());
        }
        if (delimiter != null) {
            xml.element("Delimiter", enc.apply(delimiter));
        }
        xml.element("Prefix", enc.apply(prefix))
                .element("MaxUploads", maxUploads)
                .element("IsTruncated", listing.truncated());
        if (ListingHandler.isUrlEncoding(request)) {
            xml.element("EncodingType", "url");
        }
        for (MultipartUpload upload : listing.uploads()) {
            xml.start("Upload")
                    .element("Key", enc.apply(upload.key()))
                    .element("UploadId", upload.uploadId());
            party(xml, "Initiator", upload.owner());
            party(xml, "Owner", upload.owner());
            xml.element("StorageClass", "STANDARD")
                    .element("Initiated", HttpDates.xml(upload.initiatedMillis()))
                    .optional("ChecksumAlgorithm", upload.checksumAlgorithm())
                    .optional("ChecksumType", upload.checksumType())
                    .end("Upload");
        }
        for (String commonPrefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", enc.apply(commonPrefix)).end("CommonPrefixes");
        }
        return S3Response.xml(200, xml.end("ListMultipartUploadsResult").toBytes());
    }

    public S3Response listParts(S3Request request) {
        int marker = nonNegative(request, "part-number-marker", 0);
        int maxParts = pageSize(request, "max-parts");
        UnaryOperator<String> enc = ListingHandler.encoder(request);
        PartListing listing = engine.listParts(request.bucket(), request.key(), request.param("uploadId"), marker, maxParts);
        MultipartUpload upload = listing.upload();
        XmlWriter xml = new XmlWriter().root("ListPartsResult")
                .element("Bucket", request.bucket())
                .element("Key", enc.apply(upload.key()))
                .element("UploadId", upload.uploadId());
        party(xml, "Initiator", upload.owner());
        party(xml, "Owner", upload.owner());
        int next = listing.truncated()
                ? listing.nextPartNumberMarker()
                : listing.parts().isEmpty() ? 0 : listing.parts().getLast().number();
        xml.element("StorageClass", "STANDARD")
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", next)
                .element("MaxParts", maxParts)
                .element("IsTruncated", listing.truncated());
        if (ListingHandler.isUrlEncoding(request)) {
            xml.element("EncodingType", "url");
        }
        for (Part part : listing.parts()) {
            xml.start("Part")
                    .element("PartNumber", part.number())
                    .element("LastModified", HttpDates.xml(part.lastModifiedMillis()))
                    .element("ETag", ObjectReadHandler.quoted(part.etag()))
                    .element("Size", part.size());
            part.checksums().forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
            xml.end("Part");
        }
        xml.optional("ChecksumAlgorithm", upload.checksumAlgorithm())
                .optional("ChecksumType", upload.checksumType());
        return S3Response.xml(200, xml.end("ListPartsResult").toBytes());
    }

    private static void party(XmlWriter xml, String element, String id) {
        xml.start(element).element("ID", id).element("DisplayName", id).end(element);
    }

    /** max-uploads / max-parts: 1000 by default and at most. */
    private static int pageSize(S3Request request, String param) {
        return Math.min(nonNegative(request, param, MAX_PAGE), MAX_PAGE);
    }

    private static int nonNegative(S3Request request, String param, int defaultValue) {
        String value = request.param(param);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new S3Exception(S3ErrorCode.InvalidArgument, "Provided " + param + " not an integer or within integer range");
    }
}
