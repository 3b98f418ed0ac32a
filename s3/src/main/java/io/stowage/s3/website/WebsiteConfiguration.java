package io.stowage.s3.website;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import io.stowage.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket's website configuration (PutBucketWebsite's document), validated as S3 does: either a redirect of every
 * request to another host, or an index document suffix with an optional error document and routing rules.
 *
 * @param redirectAllHost the host every request goes to, or null
 * @param redirectAllProtocol http or https for {@code redirectAllHost}, or null for http
 */
public record WebsiteConfiguration(String indexSuffix, String errorDocument, String redirectAllHost,
        String redirectAllProtocol, List<RoutingRule> routingRules) {

    static final int MAX_ROUTING_RULES = 50;

    public WebsiteConfiguration {
        routingRules = List.copyOf(routingRules);
    }

    /** The first routing rule for a key whose answer would have {@code status} (0: before the lookup). */
    Optional<RoutingRule> rule(String key, int status) {
        return routingRules.stream().filter(r -> r.matches(key, status)).findFirst();
    }

    /** @throws S3Exception MalformedXML or InvalidArgument, as S3 answers a bad configuration */
    public static WebsiteConfiguration parse(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals("WebsiteConfiguration")) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        XmlElement redirectAll = root.child("RedirectAllRequestsTo");
        XmlElement index = root.child("IndexDocument");
        if (redirectAll != null) {
            if (index != null || root.child("ErrorDocument") != null || root.child("RoutingRules") != null) {
                throw invalid("RedirectAllRequestsTo cannot be provided in conjunction with other Routing/Redirect configurations.");
            }
            String host = text(redirectAll, "HostName");
            if (host == null) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            return new WebsiteConfiguration(null, null, host, protocol(text(redirectAll, "Protocol")), List.of());
        }
        String suffix = index == null ? null : text(index, "Suffix");
        if (suffix == null) {
            throw invalid("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty");
        }
        if (suffix.contains("/")) {
            throw invalid("The IndexDocument Suffix is not well formed");
        }
        XmlElement error = root.child("ErrorDocument");
        String errorKey = error == null ? null : text(error, "Key");
        if (error != null && errorKey == null) {
            throw invalid("The ErrorDocument Key is not well formed");
        }
        return new WebsiteConfiguration(suffix, errorKey, null, null, routingRules(root.child("RoutingRules")));
    }

    private static List<RoutingRule> routingRules(XmlElement element) {
        if (element == null) {
            return List.of();
        }
        List<XmlElement> ruleElements = element.children("RoutingRule");
        if (ruleElements.isEmpty() || ruleElements.size() != element.children().size()) {
            throw new S3Exception(S3ErrorCode.MalformedXML);
        }
        if (ruleElements.size() > MAX_ROUTING_RULES) {
            throw invalid("The number of routing rules must not exceed the allowed limit of " + MAX_ROUTING_RULES + " rules.");
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (XmlElement rule : ruleElements) {
            XmlElement condition = rule.child("Condition");
            XmlElement redirect = rule.child("Redirect");
            if (redirect == null) {
                throw new S3Exception(S3ErrorCode.MalformedXML);
            }
            String prefix = condition == null ? null : text(condition, "KeyPrefixEquals");
            int errorCode = condition == null ? 0 : code(text(condition, "HttpErrorCodeReturnedEquals"), 400, 599,
                    "The provided HTTP error code is not valid. Valid codes are 4XX or 5XX.");
            if (condition != null && prefix == null && errorCode == 0) {
                throw invalid("Condition cannot be empty. To redirect all requests without a condition, the condition element shouldn't be present.");
            }
            // an empty ReplaceKeyPrefixWith removes the prefix: absent and empty differ here
            String replacePrefix = redirect.childText("ReplaceKeyPrefixWith");
            String replaceKey = redirect.childText("ReplaceKeyWith");
            if (replacePrefix != null && replaceKey != null) {
                throw invalid("You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
            }
            int redirectCode = code(text(redirect, "HttpRedirectCode"), 300, 399,
                    "The provided HTTP redirect code is not valid. It should be a string containing a number in the 3XX range.");
            rules.add(new RoutingRule(prefix, errorCode, new RoutingRule.Redirect(protocol(text(redirect, "Protocol")),
                    text(redirect, "HostName"), replacePrefix, replaceKey, redirectCode == 0 ? 301 : redirectCode)));
        }
        return rules;
    }

    private static String protocol(String protocol) {
        if (protocol != null && !protocol.equals("http") && !protocol.equals("https")) {
            throw invalid("Invalid protocol, protocol can be http or https. If not defined the protocol will be selected automatically.");
        }
        return protocol;
    }

    /** A number in [low, high], or 0 when absent. */
    private static int code(String text, int low, int high, String message) {
        if (text == null) {
            return 0;
        }
        try {
            int code = Integer.parseInt(text);
            if (code >= low && code <= high) {
                return code;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw invalid(message);
    }

    private static String text(XmlElement element, String child) {
        String text = element.childText(child);
        return text == null || text.isEmpty() ? null : text.strip();
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.InvalidArgument, message);
    }

    public byte[] toXml() {
        XmlWriter xml = new XmlWriter().root("WebsiteConfiguration");
        if (redirectAllHost != null) {
            xml.start("RedirectAllRequestsTo").element("HostName", redirectAllHost).optional("Protocol", redirectAllProtocol)
                    .end("RedirectAllRequestsTo");
            return xml.end("WebsiteConfiguration").toBytes();
        }
        xml.start("IndexDocument").element("Suffix", indexSuffix).end("IndexDocument");
        if (errorDocument != null) {
            xml.start("ErrorDocument").element("Key", errorDocument).end("ErrorDocument");
        }
        if (!routingRules.isEmpty()) {
            xml.start("RoutingRules");
            for (RoutingRule rule : routingRules) {
                xml.start("RoutingRule");
                if (rule.keyPrefixEquals() != null || rule.httpErrorCodeReturnedEquals() != 0) {
                    xml.start("Condition").optional("KeyPrefixEquals", rule.keyPrefixEquals());
                    if (rule.httpErrorCodeReturnedEquals() != 0) {
                        xml.element("HttpErrorCodeReturnedEquals", Integer.toString(rule.httpErrorCodeReturnedEquals()));
                    }
                    xml.end("Condition");
                }
                RoutingRule.Redirect r = rule.redirect();
                xml.start("Redirect").optional("Protocol", r.protocol()).optional("HostName", r.hostName())
                        .optional("ReplaceKeyPrefixWith", r.replaceKeyPrefixWith()).optional("ReplaceKeyWith", r.replaceKeyWith())
                        .element("HttpRedirectCode", Integer.toString(r.httpRedirectCode())).end("Redirect").end("RoutingRule");
            }
            xml.end("RoutingRules");
        }
        return xml.end("WebsiteConfiguration").toBytes();
    }

    public String encode() {
        return new String(toXml(), StandardCharsets.UTF_8);
    }

    public static WebsiteConfiguration decode(String stored) {
        return parse(stored.getBytes(StandardCharsets.UTF_8));
    }
}
