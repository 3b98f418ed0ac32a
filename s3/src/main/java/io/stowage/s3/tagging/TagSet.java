package io.stowage.s3.tagging;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags of an object or bucket, validated by S3's rules: keys of 1 to 128 and values of up to 256 characters of
 * letters, digits, spaces and {@code + - = . _ : / @}, no key twice, no {@code aws:} prefix, at most 10 tags on an
 * object and 50 on a bucket.
 */
public record TagSet(Map<String, String> tags) {

    public static final int OBJECT_LIMIT = 10;
    public static final int BUCKET_LIMIT = 50;
    public static final TagSet EMPTY = new TagSet(Map.of());

    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public TagSet {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A Tagging document (PutObjectTagging, PutBucketTagging). */
    public static TagSet parseXml(byte[] document, int limit) {
        XmlElement root = XmlReader.parse(document);
        XmlElement tagSet = root.child("TagSet");
        if (!root.name().equals("Tagging") || tagSet == null) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement tag : tagSet.children()) {
            String key = tag.childText("Key");
            String value = tag.childText("Value");
            if (!tag.name().equals("Tag") || key == null || value == null) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            add(tags, key, value);
        }
        return checked(tags, limit);
    }

    /** Bucket tags given as a map (the admin API's form), checked by the same rules as PutBucketTagging's. */
    public static TagSet ofBucket(Map<String, String> tags) {
        return checked(new LinkedHashMap<>(tags), BUCKET_LIMIT);
    }

    /** The x-amz-tagging header of PutObject, CopyObject and CreateMultipartUpload: a URL-encoded query string. */
    public static TagSet parseHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header.isEmpty()) {
            return EMPTY;
        }
        for (String pair : header.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = urlDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : urlDecode(pair.substring(equals + 1));
            add(tags, key, value);
        }
        return checked(tags, OBJECT_LIMIT);
    }

    private static String urlDecode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
        }
    }

    private static void add(Map<String, String> tags, String key, String value) {
        if (tags.putIfAbsent(key, value) != null) {
            throw new S3Exception(S3ErrorCode.InvalidTag, "Cannot provide multiple Tags with the same key");
        }
    }

    private static TagSet checked(Map<String, String> tags, int limit) {
        if (tags.size() > limit) {
            throw new S3Exception(S3ErrorCode.InvalidTag, limit == OBJECT_LIMIT
                    ? "Object tags cannot be greater than " + OBJECT_LIMIT : "Bucket tag count cannot be greater than " + limit);
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY) {
                throw new S3Exception(S3ErrorCode.InvalidTag, "The TagKey you have provided is too long, max " + MAX_KEY);
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE) {
                throw new S3Exception(S3ErrorCode.InvalidTag, "The TagValue you have provided is too long, max " + MAX_VALUE);
            }
            if (!ALLOWED.matcher(key).matches() || key.startsWith("aws:")) {
                throw new S3Exception(S3ErrorCode.InvalidTag, "The TagKey you have provided is invalid");
            }
            if (!ALLOWED.matcher(value).matches()) {
                throw new S3Exception(S3ErrorCode.InvalidTag, "The TagValue you have provided is invalid");
            }
        });
        return new TagSet(tags);
    }

    /** The x-amz-tagging form of these tags. */
    public String toHeader() {
        StringBuilder header = new StringBuilder();
        tags.forEach((key, value) -> header.append(header.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return header.toString();
    }

    public byte[] toXml() {
        XmlWriter xml = new XmlWriter().root("Tagging").start("TagSet");
        tags.forEach((key, value) -> xml.start("Tag").element("Key", key).element("Value", value).end("Tag"));
        return xml.end("TagSet").end("Tagging").toBytes();
    }

    /** The stored form of bucket tags: the XML this set renders. */
    public String encode() {
        return new String(toXml(), StandardCharsets.UTF_8);
    }

    public static TagSet decode(String stored) {
        return parseXml(stored.getBytes(StandardCharsets.UTF_8), BUCKET_LIMIT);
    }
}
