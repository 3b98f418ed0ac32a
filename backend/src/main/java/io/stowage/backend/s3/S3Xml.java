package io.stowage.backend.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The S3 documents the client reads and writes, with the JDK's StAX: DTDs and external entities off, so an
 * answer cannot make the parser read files or expand entities. Namespaces are ignored.
 */
public final class S3Xml {

    /** An S3 error document's code and message (either may be null when the answer had none). */
    record ErrorBody(String code, String message) {
    }

    /** A key DeleteObjects did not delete, with why. */
    record DeleteError(String key, String code, String message) {
    }

    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3Xml() {
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** A StAX reader of the document with this class's hardening (no DTDs, no external entities), for other XML answers. */
    public static XMLStreamReader newReader(java.io.InputStream document) throws XMLStreamException {
        return INPUT.createXMLStreamReader(document);
    }

    /**
     * A ListBucketResult (ListObjectsV2), keys decoded when the answer says {@code EncodingType=url}.
     *
     * @throws XMLStreamException when the document is not one
     */
    static ObjectListing listing(byte[] document) throws XMLStreamException {
        List<ListedObject> objects = new ArrayList<>();
        Map<String, String> listing = new HashMap<>();
        Map<String, String> entry = new HashMap<>();
        walk(document, "ListBucketResult", Set.of("IsTruncated", "NextContinuationToken", "EncodingType", "Contents/Key",
                "Contents/Size", "Contents/ETag"), new Walker() {
            @Override
            public void leaf(String path, String text) {
                (path.startsWith("Contents/") ? entry : listing).put(path, text);
            }

            @Override
            public void closed(String path) throws XMLStreamException {
                if (path.equals("Contents")) {
                    String key = entry.get("Contents/Key");
                    if (key == null) {
                        throw new XMLStreamException("a Contents element without a Key");
                    }
                    String etag = entry.get("Contents/ETag");
                    objects.add(new ListedObject(key, parseSize(entry.getOrDefault("Contents/Size", "0")),
                            etag == null ? null : unquote(etag.strip())));
                    entry.clear();
                }
            }
        });
        boolean truncated = Boolean.parseBoolean(listing.getOrDefault("IsTruncated", "false").strip());
        String token = listing.get("NextContinuationToken");
        if ("url".equals(listing.getOrDefault("EncodingType", "").strip())) {
            objects.replaceAll(o -> new ListedObject(URLDecoder.decode(o.key(), StandardCharsets.UTF_8), o.size(), o.etag()));
        }
        if (truncated && (token == null || token.isEmpty())) {
            throw new XMLStreamException("a truncated listing without a NextContinuationToken");
        }
        return new ObjectListing(objects, truncated ? Optional.of(token) : Optional.empty());
    }

    /**
     * The keys a DeleteResult reports as not deleted (in quiet mode it reports nothing else).
     *
     * @throws XMLStreamException when the document is not a DeleteResult
     */
    static List<DeleteError> deleteErrors(byte[] document) throws XMLStreamException {
        List<DeleteError> errors = new ArrayList<>();
        Map<String, String> error = new HashMap<>();
        walk(document, "DeleteResult", Set.of("Error/Key", "Error/Code", "Error/Message"), new Walker() {
            @Override
            public void leaf(String path, String text) {
                error.put(path, text);
            }

            @Override
            public void closed(String path) {
                if (path.equals("Error")) {
                    errors.add(new DeleteError(error.get("Error/Key"), error.get("Error/Code"), error.get("Error/Message")));
                    error.clear();
                }
            }
        });
        return errors;
    }

    /** An S3 error document's code and message; both null when the body is not one. */
    static ErrorBody error(byte[] document) {
        Map<String, String> fields = new HashMap<>();
        try {
            walk(document, "Error", Set.of("Code", "Message"), (path, text) -> fields.put(path, text));
        } catch (XMLStreamException | RuntimeException e) {
            return new ErrorBody(null, null);
        }
        return new ErrorBody(fields.get("Code"), fields.get("Message"));
    }

    /** The DeleteObjects request document for these keys, in quiet mode (only failures answered). */
    static byte[] deleteRequest(List<String> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + keys.size() * 64);
        try {
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement("Delete");
            writer.writeStartElement("Quiet");
            writer.writeCharacters("true");
            writer.writeEndElement();
            for (String key : keys) {
                writer.writeStartElement("Object");
                writer.writeStartElement("Key");
                writer.writeCharacters(key);
                writer.writeEndElement();
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's XML writer failed on a plain document", e);
        }
        return out.toByteArray();
    }

    /**
     * The tags of a Tagging document ({@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...}), in document order.
     *
     * @throws XMLStreamException when the document is not a Tagging
     */
    static Map<String, String> tags(byte[] document) throws XMLStreamException {
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> tag = new HashMap<>();
        walk(document, "Tagging", Set.of("TagSet/Tag/Key", "TagSet/Tag/Value"), new Walker() {
            @Override
            public void leaf(String path, String text) {
                tag.put(path, text);
            }

            @Override
            public void closed(String path) {
                if (path.equals("TagSet/Tag")) {
                    String key = tag.get("TagSet/Tag/Key");
                    if (key != null) {
                        tags.put(key, tag.getOrDefault("TagSet/Tag/Value", ""));
                    }
                    tag.clear();
                }
            }
        });
        return tags;
    }

    /** The PutBucketTagging request document for these tags. */
    static byte[] taggingRequest(Map<String, String> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + tags.size() * 64);
        try {
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement("Tagging");
            writer.writeStartElement("TagSet");
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                writer.writeStartElement("Tag");
                writer.writeStartElement("Key");
                writer.writeCharacters(tag.getKey());
                writer.writeEndElement();
                writer.writeStartElement("Value");
                writer.writeCharacters(tag.getValue());
                writer.writeEndElement();
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's XML writer failed on a plain document", e);
        }
        return out.toByteArray();
    }

    /** The {@code Status} of a VersioningConfiguration document (GetBucketVersioning's answer). */
    static BucketVersioning versioning(byte[] document) throws XMLStreamException {
        String[] status = new String[1];
        walk(document, "VersioningConfiguration", Set.of("Status"), (path, text) -> status[0] = text);
        try {
            return BucketVersioning.ofWire(status[0]);
        } catch (IllegalArgumentException e) {
            throw new XMLStreamException(e.getMessage());
        }
    }

    /** PutBucketVersioning's body: a VersioningConfiguration with this status. */
    static byte[] versioningRequest(BucketVersioning versioning) {
        if (versioning == BucketVersioning.UNVERSIONED) {
            throw new IllegalArgumentException("a bucket cannot be made unversioned; suspend its versioning instead");
        }
        return document(writer -> {
            writer.writeStartElement("VersioningConfiguration");
            writer.writeDefaultNamespace(S3_NAMESPACE);
            element(writer, "Status", versioning.wireName());
            writer.writeEndElement();
        });
    }

    /** An ObjectLockConfiguration (GetObjectLockConfiguration's answer) of a bucket with object lock. */
    static ObjectLockConfiguration objectLock(byte[] document) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        walk(document, "ObjectLockConfiguration", Set.of("ObjectLockEnabled", "Rule/DefaultRetention/Mode",
                "Rule/DefaultRetention/Days", "Rule/DefaultRetention/Years"),
                (path, text) -> fields.put(path.substring(path.lastIndexOf('/') + 1), text.strip()));
        if (!"Enabled".equals(fields.get("ObjectLockEnabled"))) {
            throw new XMLStreamException("ObjectLockEnabled is not Enabled");
        }
        if (fields.get("Mode") == null) {
            return ObjectLockConfiguration.enabled(Optional.empty());
        }
        try {
            return ObjectLockConfiguration.enabled(Optional.of(new DefaultRetention(DefaultRetention.Mode.valueOf(fields.get("Mode")),
                    days(fields.get("Days")), days(fields.get("Years")))));
        } catch (IllegalArgumentException e) {
            throw new XMLStreamException("unreadable default retention: " + e.getMessage());
        }
    }

    /** PutObjectLockConfiguration's body: object lock enabled, with this default retention (empty: none). */
    static byte[] objectLockRequest(Optional<DefaultRetention> defaultRetention) {
        return document(writer -> {
            writer.writeStartElement("ObjectLockConfiguration");
            writer.writeDefaultNamespace(S3_NAMESPACE);
            element(writer, "ObjectLockEnabled", "Enabled");
            if (defaultRetention.isPresent()) {
                DefaultRetention retention = defaultRetention.get();
                writer.writeStartElement("Rule");
                writer.writeStartElement("DefaultRetention");
                element(writer, "Mode", retention.mode().name());
                element(writer, retention.days() > 0 ? "Days" : "Years",
                        Integer.toString(retention.days() > 0 ? retention.days() : retention.years()));
                writer.writeEndElement();
                writer.writeEndElement();
            }
            writer.writeEndElement();
        });
    }

    /** The rules of a LifecycleConfiguration (GetBucketLifecycleConfiguration's answer), in the document's order. */
    static List<LifecycleRule> lifecycle(byte[] document) throws XMLStreamException {
        List<LifecycleRule> rules = new ArrayList<>();
        Map<String, String> rule = new HashMap<>();
        walk(document, "LifecycleConfiguration", Set.of("Rule/ID", "Rule/Status", "Rule/Prefix", "Rule/Filter/Prefix",
                "Rule/Expiration/Days", "Rule/NoncurrentVersionExpiration/NoncurrentDays",
                "Rule/AbortIncompleteMultipartUpload/DaysAfterInitiation"), new Walker() {
            @Override
            public void leaf(String path, String text) {
                rule.put(path, text.strip());
            }

            @Override
            public void closed(String path) throws XMLStreamException {
                if (path.equals("Rule")) {
                    String prefix = rule.getOrDefault("Rule/Filter/Prefix", rule.getOrDefault("Rule/Prefix", ""));
                    rules.add(new LifecycleRule(rule.getOrDefault("Rule/ID", ""), prefix, "Enabled".equals(rule.get("Rule/Status")),
                            days(rule.get("Rule/Expiration/Days")), days(rule.get("Rule/NoncurrentVersionExpiration/NoncurrentDays")),
                            days(rule.get("Rule/AbortIncompleteMultipartUpload/DaysAfterInitiation"))));
                    rule.clear();
                }
            }
        });
        return rules;
    }

    /** PutBucketLifecycleConfiguration's body: every rule with a Filter on its prefix. */
    static byte[] lifecycleRequest(List<LifecycleRule> rules) {
        return document(writer -> {
            writer.writeStartElement("LifecycleConfiguration");
            writer.writeDefaultNamespace(S3_NAMESPACE);
            for (LifecycleRule rule : rules) {
                writer.writeStartElement("Rule");
                element(writer, "ID", rule.id());
                writer.writeStartElement("Filter");
                element(writer, "Prefix", rule.prefix());
                writer.writeEndElement();
                element(writer, "Status", rule.enabled() ? "Enabled" : "Disabled");
                if (rule.expirationDays() > 0) {
                    writer.writeStartElement("Expiration");
                    element(writer, "Days", Integer.toString(rule.expirationDays()));
                    writer.writeEndElement();
                }
                if (rule.noncurrentVersionExpirationDays() > 0) {
                    writer.writeStartElement("NoncurrentVersionExpiration");
                    element(writer, "NoncurrentDays", Integer.toString(rule.noncurrentVersionExpirationDays()));
                    writer.writeEndElement();
                }
                if (rule.abortIncompleteUploadDays() > 0) {
                    writer.writeStartElement("AbortIncompleteMultipartUpload");
                    element(writer, "DaysAfterInitiation", Integer.toString(rule.abortIncompleteUploadDays()));
                    writer.writeEndElement();
                }
                writer.writeEndElement();
            }
            writer.writeEndElement();
        });
    }

    /** The rules of a CORSConfiguration (GetBucketCors's answer), in the document's order. */
    static List<CorsRule> cors(byte[] document) throws XMLStreamException {
        List<CorsRule> rules = new ArrayList<>();
        Map<String, List<String>> rule = new HashMap<>();
        walk(document, "CORSConfiguration", Set.of("CORSRule/AllowedOrigin", "CORSRule/AllowedMethod", "CORSRule/AllowedHeader",
                "CORSRule/ExposeHeader", "CORSRule/MaxAgeSeconds", "CORSRule/ID"), new Walker() {
            @Override
            public void leaf(String path, String text) {
                rule.computeIfAbsent(path, k -> new ArrayList<>()).add(text.strip());
            }

            @Override
            public void closed(String path) throws XMLStreamException {
                if (path.equals("CORSRule")) {
                    List<String> maxAge = rule.getOrDefault("CORSRule/MaxAgeSeconds", List.of());
                    try {
                        rules.add(new CorsRule(rule.getOrDefault("CORSRule/AllowedOrigin", List.of()),
                                rule.getOrDefault("CORSRule/AllowedMethod", List.of()),
                                rule.getOrDefault("CORSRule/AllowedHeader", List.of()),
                                rule.getOrDefault("CORSRule/ExposeHeader", List.of()),
                                maxAge.isEmpty() ? 0 : days(maxAge.getFirst())));
                    } catch (IllegalArgumentException e) {
                        throw new XMLStreamException(e.getMessage());
                    }
                    rule.clear();
                }
            }
        });
        return rules;
    }

    /** PutBucketCors's body. */
    static byte[] corsRequest(List<CorsRule> rules) {
        return document(writer -> {
            writer.writeStartElement("CORSConfiguration");
            writer.writeDefaultNamespace(S3_NAMESPACE);
            for (CorsRule rule : rules) {
                writer.writeStartElement("CORSRule");
                for (String header : rule.allowedHeaders()) {
                    element(writer, "AllowedHeader", header);
                }
                for (String method : rule.allowedMethods()) {
                    element(writer, "AllowedMethod", method);
                }
                for (String origin : rule.allowedOrigins()) {
                    element(writer, "AllowedOrigin", origin);
                }
                for (String header : rule.exposeHeaders()) {
                    element(writer, "ExposeHeader", header);
                }
                if (rule.maxAgeSeconds() > 0) {
                    element(writer, "MaxAgeSeconds", Integer.toString(rule.maxAgeSeconds()));
                }
                writer.writeEndElement();
            }
            writer.writeEndElement();
        });
    }

    private interface DocumentBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static byte[] document(DocumentBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's XML writer failed on a plain document", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }

    private static int days(String text) throws XMLStreamException {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new XMLStreamException("'" + text + "' is not a whole number");
        }
    }

    /** What a document walk reports: the text of each wanted element, and the end of every element below the root. */
    private interface Walker {
        /** The text of an element whose path (below the root, e.g. {@code Contents/Key}) was asked for. */
        void leaf(String path, String text) throws XMLStreamException;

        default void closed(String path) throws XMLStreamException {
        }
    }

    /**
     * Walks the document, whose root must be {@code root}: the text of each element whose path is in {@code leaves}
     * goes to {@link Walker#leaf}, every other element is entered, and its end reported to {@link Walker#closed}.
     */
    private static void walk(byte[] document, String root, Set<String> leaves, Walker walker) throws XMLStreamException {
        XMLStreamReader reader = open(document, root);
        try {
            Deque<String> open = new ArrayDeque<>();
            while (true) {
                int event = next(reader);
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String path = open.isEmpty() ? reader.getLocalName() : open.peek() + "/" + reader.getLocalName();
                    if (leaves.contains(path)) {
                        walker.leaf(path, reader.getElementText());
                    } else {
                        open.push(path);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (open.isEmpty()) {
                        return;
                    }
                    walker.closed(open.pop());
                }
            }
        } finally {
            reader.close();
        }
    }

    /** A reader positioned on the document's root element, which must be {@code root}. */
    private static XMLStreamReader open(byte[] document, String root) throws XMLStreamException {
        XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(document));
        int event = next(reader);
        while (event != XMLStreamConstants.START_ELEMENT) {
            event = next(reader);
        }
        if (!root.equals(reader.getLocalName())) {
            reader.close();
            throw new XMLStreamException("expected a " + root + " document, not " + reader.getLocalName());
        }
        return reader;
    }

    /** The next event; DTDs and entity references are refused, the end of the document before the root ends too. */
    private static int next(XMLStreamReader reader) throws XMLStreamException {
        if (!reader.hasNext()) {
            throw new XMLStreamException("the document ends early");
        }
        int event = reader.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new XMLStreamException("DTDs and entities are not accepted");
        }
        if (event == XMLStreamConstants.END_DOCUMENT) {
            throw new XMLStreamException("the document ends early");
        }
        return event;
    }

    /** An ETag without the double quotes S3 puts around it. */
    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static long parseSize(String text) throws XMLStreamException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new XMLStreamException("an object size that is not a number");
        }
    }
}
