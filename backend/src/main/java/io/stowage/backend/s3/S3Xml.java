package io.stowage.backend.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
final class S3Xml {

    /** An S3 error document's code and message (either may be null when the answer had none). */
    record ErrorBody(String code, String message) {
    }

    /** A key DeleteObjects did not delete, with why. */
    record DeleteError(String key, String code, String message) {
    }

    private static final XMLInputFactory INPUT = inputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

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

    /**
     * A ListBucketResult (ListObjectsV2), keys decoded when the answer says {@code EncodingType=url}.
     *
     * @throws XMLStreamException when the document is not one
     */
    static ObjectListing listing(byte[] document) throws XMLStreamException {
        List<ListedObject> objects = new ArrayList<>();
        boolean truncated = false;
        boolean urlEncoded = false;
        String token = null;
        String key = null;
        long size = 0;
        String etag = null;
        XMLStreamReader reader = open(document, "ListBucketResult");
        try {
            int depth = 1;
            while (depth > 0) {
                int event = next(reader);
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 1 && "Contents".equals(reader.getLocalName())) {
                        if (key == null) {
                            throw new XMLStreamException("a Contents element without a Key");
                        }
                        objects.add(new ListedObject(key, size, etag));
                        key = null;
                        size = 0;
                        etag = null;
                    }
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (depth == 1 && name.equals("IsTruncated")) {
                        truncated = Boolean.parseBoolean(reader.getElementText().strip());
                    } else if (depth == 1 && name.equals("NextContinuationToken")) {
                        token = reader.getElementText();
                    } else if (depth == 1 && name.equals("EncodingType")) {
                        urlEncoded = "url".equals(reader.getElementText().strip());
                    } else if (depth == 2 && name.equals("Key")) {
                        key = reader.getElementText();
                    } else if (depth == 2 && name.equals("Size")) {
                        size = parseSize(reader.getElementText());
                    } else if (depth == 2 && name.equals("ETag")) {
                        etag = unquote(reader.getElementText().strip());
                    } else {
                        depth++;
                    }
                }
            }
        } finally {
            reader.close();
        }
        if (urlEncoded) {
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
        XMLStreamReader reader = open(document, "DeleteResult");
        try {
            String key = null;
            String code = null;
            String message = null;
            int depth = 1;
            while (depth > 0) {
                int event = next(reader);
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 1) {
                        if ("Error".equals(reader.getLocalName())) {
                            errors.add(new DeleteError(key, code, message));
                        }
                        key = null;
                        code = null;
                        message = null;
                    }
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (depth == 2 && name.equals("Key")) {
                        key = reader.getElementText();
                    } else if (depth == 2 && name.equals("Code")) {
                        code = reader.getElementText();
                    } else if (depth == 2 && name.equals("Message")) {
                        message = reader.getElementText();
                    } else {
                        depth++;
                    }
                }
            }
        } finally {
            reader.close();
        }
        return errors;
    }

    /** An S3 error document's code and message; both null when the body is not one. */
    static ErrorBody error(byte[] document) {
        String code = null;
        String message = null;
        try {
            XMLStreamReader reader = open(document, "Error");
            try {
                int depth = 1;
                while (depth > 0) {
                    int event = next(reader);
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    } else if (event == XMLStreamConstants.START_ELEMENT) {
                        if (depth == 1 && reader.getLocalName().equals("Code")) {
                            code = reader.getElementText();
                        } else if (depth == 1 && reader.getLocalName().equals("Message")) {
                            message = reader.getElementText();
                        } else {
                            depth++;
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return new ErrorBody(null, null);
        }
        return new ErrorBody(code, message);
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
        XMLStreamReader reader = open(document, "Tagging");
        try {
            String key = null;
            String value = null;
            int depth = 1;
            while (depth > 0) {
                int event = next(reader);
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 2 && "Tag".equals(reader.getLocalName()) && key != null) {
                        tags.put(key, value == null ? "" : value);
                        key = null;
                        value = null;
                    }
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (depth == 3 && name.equals("Key")) {
                        key = reader.getElementText();
                    } else if (depth == 3 && name.equals("Value")) {
                        value = reader.getElementText();
                    } else {
                        depth++;
                    }
                }
            }
        } finally {
            reader.close();
        }
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
