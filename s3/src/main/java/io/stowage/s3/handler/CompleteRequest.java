package io.stowage.s3.handler;

import io.stowage.engine.model.Part;
import io.stowage.s3.checksum.ChecksumAlgorithm;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of CompleteMultipartUpload: the parts chosen for the object, in ascending order. */
record CompleteRequest(List<Requested> parts) {

    /**
     * One chosen part.
     *
     * @param etag unquoted
     * @param checksums base64 values by algorithm name, as the client sent them (often none)
     */
    record Requested(int number, String etag, Map<String, String> checksums) {
    }

    /**
     * @throws S3Exception MalformedXML when not a CompleteMultipartUpload document with at least one
     *     part (each with a PartNumber and an ETag), InvalidArgument for a part number outside
     *     1..10000, InvalidPartOrder unless the part numbers strictly ascend
     */
    static CompleteRequest parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals("CompleteMultipartUpload")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        List<XmlElement> elements = root.children("Part");
        if (elements.isEmpty()) {
            throw new S3Exception(S3ErrorCode.MalformedXML, "The XML you provided was not well-formed or did not validate"
                    + " against our published schema: a CompleteMultipartUpload names at least one part.");
        }
        List<Requested> parts = new ArrayList<>(elements.size());
        int previous = 0;
        for (XmlElement element : elements) {
            String numberText = element.childText("PartNumber");
            String etag = element.childText("ETag");
            if (numberText == null || etag == null) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            int number;
            try {
                number = Integer.parseInt(numberText.trim());
            } catch (NumberFormatException e) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            if (number < Part.MIN_NUMBER || number > Part.MAX_NUMBER) {
                throw new S3Exception(S3ErrorCode.InvalidArgument, PartNumbers.INVALID);
            }
            if (number <= previous) {
                throw new S3Exception(S3ErrorCode.InvalidPartOrder);
            }
            previous = number;
            Map<String, String> checksums = new LinkedHashMap<>();
            for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
                String value = element.childText("Checksum" + algorithm.name());
                if (value != null && !value.isBlank()) {
                    checksums.put(algorithm.name(), value.trim());
                }
            }
            parts.add(new Requested(number, Preconditions.unquote(etag), checksums));
        }
        return new CompleteRequest(List.copyOf(parts));
    }

    /**
     * The ETag of a multipart object: hex MD5 of the concatenated binary MD5s of its parts, then
     * "-" and the number of parts.
     */
    static String multipartEtag(List<String> partEtags) {
        MessageDigest md5 = ObjectUpload.md5();
        for (String etag : partEtags) {
            md5.update(HexFormat.of().parseHex(etag));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
    }
}
