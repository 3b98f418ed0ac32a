package io.stowage.s3.cors;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A bucket's CORS configuration (PutBucketCors' document), validated as S3 does; stored as the XML it renders. */
public record CorsConfiguration(List<CorsRule> rules) {

    static final int MAX_RULES = 100;
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    public CorsConfiguration {
        rules = List.copyOf(rules);
    }

    /** The first rule that allows the request, as S3 evaluates them: in order. */
    public Optional<CorsRule> match(String origin, String method, List<String> requestHeaders) {
        return rules.stream().filter(r -> r.allows(origin, method, requestHeaders)).findFirst();
    }

    /**
     * @throws S3Exception MalformedXML for a document that is not a CORS configuration, InvalidRequest for a method S3
     *     does not allow or a pattern with more than one wildcard
     */
    public static CorsConfiguration parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals("CORSConfiguration")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        List<XmlElement> ruleElements = root.children("CORSRule");
        if (ruleElements.isEmpty() || root.children().size() != ruleElements.size()) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        if (ruleElements.size() > MAX_RULES) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "The number of CORS rules should not exceed allowed limit of "
                    + MAX_RULES + " rules.");
        }
        return new CorsConfiguration(ruleElements.stream().map(CorsConfiguration::rule).toList());
    }

    private static CorsRule rule(XmlElement element) {
        for (XmlElement child : element.children()) {
            if (!Set.of("ID", "AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader", "MaxAgeSeconds")
                    .contains(child.name())) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
        }
        List<String> origins = texts(element, "AllowedOrigin");
        List<String> methods = texts(element, "AllowedMethod");
        if (origins.isEmpty() || methods.isEmpty()) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw new S3Exception(S3ErrorCode.InvalidRequest,
                        "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }
        List<String> headers = texts(element, "AllowedHeader");
        oneWildcardAtMost("AllowedOrigin", origins);
        oneWildcardAtMost("AllowedHeader", headers);
        String maxAge = element.childText("MaxAgeSeconds");
        int seconds = -1;
        if (maxAge != null) {
            try {
                seconds = Integer.parseInt(maxAge.strip());
            } catch (NumberFormatException e) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            if (seconds < 0) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
        }
        String id = element.childText("ID");
        if (id != null && id.length() > 255) {
            throw new S3Exception(S3ErrorCode.InvalidArgument, "The ID of a CORS rule can be up to 255 characters long.");
        }
        return new CorsRule(id, origins, methods, headers, texts(element, "ExposeHeader"), seconds);
    }

    private static List<String> texts(XmlElement element, String name) {
        return element.children(name).stream().map(c -> c.text() == null ? "" : c.text().strip()).toList();
    }

    private static void oneWildcardAtMost(String element, List<String> patterns) {
        for (String pattern : patterns) {
            if (pattern.indexOf('*') != pattern.lastIndexOf('*')) {
                throw new S3Exception(S3ErrorCode.InvalidRequest,
                        element + " \"" + pattern + "\" can not have more than one wildcard.");
            }
        }
    }

    public byte[] toXml() {
        XmlWriter xml = new XmlWriter().root("CORSConfiguration");
        for (CorsRule rule : rules) {
            xml.start("CORSRule").optional("ID", rule.id());
            rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
            rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
            rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
            rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            if (rule.maxAgeSeconds() >= 0) {
                xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
            }
            xml.end("CORSRule");
        }
        return xml.end("CORSConfiguration").toBytes();
    }

    /** The stored form: the XML this configuration renders. */
    public String encode() {
        return new String(toXml(), StandardCharsets.UTF_8);
    }

    public static CorsConfiguration decode(String stored) {
        return parse(stored.getBytes(StandardCharsets.UTF_8));
    }
}
