package io.stowage.s3.lifecycle;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import io.stowage.s3.lifecycle.LifecycleFilter.Form;
import io.stowage.s3.lifecycle.LifecycleFilter.Tag;
import io.stowage.s3.lifecycle.LifecycleRule.Expiration;
import io.stowage.s3.lifecycle.LifecycleRule.NoncurrentExpiration;
import io.stowage.s3.xml.XmlElement;
import io.stowage.s3.xml.XmlReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a LifecycleConfiguration document into its model. Anything outside the schema (unknown elements, repeated
 * ones, text where a number or date belongs, a filter with two predicates) is MalformedXML; transitions are refused
 * with InvalidStorageClass. The rules AWS checks beyond the schema are {@link LifecycleValidator}'s.
 */
public final class LifecycleXmlReader {

    private static final String ROOT = "LifecycleConfiguration";
    private static final Set<String> RULE_CHILDREN = Set.of("ID", "Status", "Filter", "Prefix", "Expiration",
            "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload", "Transition", "NoncurrentVersionTransition");
    private static final Set<String> FILTER_CHILDREN = Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And");
    private static final Set<String> AND_CHILDREN = Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan");
    private static final Set<String> TAG_CHILDREN = Set.of("Key", "Value");
    private static final Set<String> EXPIRATION_CHILDREN = Set.of("Days", "Date", "ExpiredObjectDeleteMarker");
    private static final Set<String> NONCURRENT_CHILDREN = Set.of("NoncurrentDays", "NewerNoncurrentVersions");
    private static final Set<String> ABORT_CHILDREN = Set.of("DaysAfterInitiation");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LifecycleXmlReader() {
    }

    /**
     * Parses a PutBucketLifecycleConfiguration body, or a stored configuration. Rules without an ID get one, as on AWS.
     *
     * @throws S3Exception MalformedXML, or InvalidStorageClass for a transition
     */
    public static LifecycleConfiguration read(byte[] document) {
        XmlElement root = XmlReader.parse(document);
        if (!root.name().equals(ROOT)) {
            throw malformed("The root element must be " + ROOT);
        }
        allowOnly(root, Set.of("Rule"));
        List<LifecycleRule> rules = new ArrayList<>();
        for (XmlElement rule : root.children("Rule")) {
            rules.add(rule(rule));
        }
        if (rules.isEmpty()) {
            throw malformed("A lifecycle configuration needs at least one Rule");
        }
        return new LifecycleConfiguration(rules);
    }

    public static LifecycleConfiguration read(String stored) {
        return read(stored.getBytes(StandardCharsets.UTF_8));
    }

    private static LifecycleRule rule(XmlElement rule) {
        allowOnly(rule, RULE_CHILDREN);
        if (rule.child("Transition") != null || rule.child("NoncurrentVersionTransition") != null) {
            throw new S3Exception(S3ErrorCode.InvalidStorageClass, "Stowage stores every object in the STANDARD storage"
                    + " class and has no other to transition to: remove Transition and NoncurrentVersionTransition");
        }
        XmlElement givenId = single(rule, "ID");
        String id = givenId == null || givenId.text().isEmpty() ? generatedId() : givenId.text();
        boolean enabled = switch (requiredText(rule, "Status")) {
            case "Enabled" -> true;
            case "Disabled" -> false;
            default -> throw malformed("Status must be Enabled or Disabled");
        };
        XmlElement filter = single(rule, "Filter");
        XmlElement legacyPrefix = single(rule, "Prefix");
        if ((filter == null) == (legacyPrefix == null)) {
            throw malformed("A rule needs either a Filter or a Prefix, not both");
        }
        LifecycleFilter parsedFilter = filter == null
                ? new LifecycleFilter(Form.LEGACY_PREFIX, legacyPrefix.text(), List.of(), null, null)
                : filter(filter);
        return new LifecycleRule(id, enabled, parsedFilter, expiration(single(rule, "Expiration")),
                noncurrentExpiration(single(rule, "NoncurrentVersionExpiration")),
                abortDays(single(rule, "AbortIncompleteMultipartUpload")));
    }

    private static LifecycleFilter filter(XmlElement filter) {
        allowOnly(filter, FILTER_CHILDREN);
        if (filter.children().size() > 1) {
            throw malformed("A Filter holds one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan or And");
        }
        if (filter.children().isEmpty()) {
            return new LifecycleFilter(Form.EMPTY, null, List.of(), null, null);
        }
        XmlElement predicate = filter.children().getFirst();
        return switch (predicate.name()) {
            case "Prefix" -> new LifecycleFilter(Form.PREFIX, predicate.text(), List.of(), null, null);
            case "Tag" -> new LifecycleFilter(Form.TAG, null, List.of(tag(predicate)), null, null);
            case "ObjectSizeGreaterThan" -> new LifecycleFilter(Form.SIZE_GREATER_THAN, null, List.of(), number(predicate), null);
            case "ObjectSizeLessThan" -> new LifecycleFilter(Form.SIZE_LESS_THAN, null, List.of(), null, number(predicate));
            default -> and(predicate);
        };
    }

    private static LifecycleFilter and(XmlElement and) {
        allowOnly(and, AND_CHILDREN);
        if (and.children().size() < 2) {
            throw malformed("And combines two or more of Prefix, Tag, ObjectSizeGreaterThan and ObjectSizeLessThan");
        }
        XmlElement prefix = single(and, "Prefix");
        XmlElement greater = single(and, "ObjectSizeGreaterThan");
        XmlElement less = single(and, "ObjectSizeLessThan");
        List<Tag> tags = and.children("Tag").stream().map(LifecycleXmlReader::tag).toList();
        return new LifecycleFilter(Form.AND, prefix == null ? null : prefix.text(), tags,
                greater == null ? null : number(greater), less == null ? null : number(less));
    }

    private static Tag tag(XmlElement tag) {
        allowOnly(tag, TAG_CHILDREN);
        single(tag, "Value");
        return new Tag(requiredText(tag, "Key"), tag.child("Value") == null ? "" : tag.childText("Value"));
    }

    private static Expiration expiration(XmlElement expiration) {
        if (expiration == null) {
            return null;
        }
        allowOnly(expiration, EXPIRATION_CHILDREN);
        XmlElement days = single(expiration, "Days");
        XmlElement date = single(expiration, "Date");
        XmlElement marker = single(expiration, "ExpiredObjectDeleteMarker");
        return new Expiration(days == null ? null : integer(days), date == null ? null : date(date),
                marker == null ? null : bool(marker));
    }

    private static NoncurrentExpiration noncurrentExpiration(XmlElement noncurrent) {
        if (noncurrent == null) {
            return null;
        }
        allowOnly(noncurrent, NONCURRENT_CHILDREN);
        XmlElement days = single(noncurrent, "NoncurrentDays");
        if (days == null) {
            throw malformed("NoncurrentVersionExpiration needs NoncurrentDays");
        }
        XmlElement newer = single(noncurrent, "NewerNoncurrentVersions");
        return new NoncurrentExpiration(integer(days), newer == null ? null : integer(newer));
    }

    private static Integer abortDays(XmlElement abort) {
        if (abort == null) {
            return null;
        }
        allowOnly(abort, ABORT_CHILDREN);
        XmlElement days = single(abort, "DaysAfterInitiation");
        if (days == null) {
            throw malformed("AbortIncompleteMultipartUpload needs DaysAfterInitiation");
        }
        return integer(days);
    }

    /** AWS's generated rule ids: a random UUID's text in base64. */
    private static String generatedId() {
        UUID uuid = new UUID(RANDOM.nextLong(), RANDOM.nextLong());
        return Base64.getEncoder().encodeToString(uuid.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void allowOnly(XmlElement element, Set<String> names) {
        for (XmlElement child : element.children()) {
            if (!names.contains(child.name())) {
                throw malformed("Unexpected element " + child.name() + " in " + element.name());
            }
        }
    }

    /** The only child of that name, or null; two are malformed. */
    private static XmlElement single(XmlElement element, String name) {
        List<XmlElement> found = element.children(name);
        if (found.size() > 1) {
            throw malformed(element.name() + " has more than one " + name);
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    private static String requiredText(XmlElement element, String name) {
        XmlElement child = single(element, name);
        if (child == null) {
            throw malformed(element.name() + " needs " + name);
        }
        return child.text().strip();
    }

    private static int integer(XmlElement element) {
        try {
            return Integer.parseInt(element.text().strip());
        } catch (NumberFormatException e) {
            throw malformed(element.name() + " must be a whole number");
        }
    }

    private static long number(XmlElement element) {
        try {
            return Long.parseLong(element.text().strip());
        } catch (NumberFormatException e) {
            throw malformed(element.name() + " must be a whole number");
        }
    }

    private static long date(XmlElement element) {
        try {
            return OffsetDateTime.parse(element.text().strip()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw malformed("Date must be an ISO 8601 date and time, such as 2030-01-01T00:00:00.000Z");
        }
    }

    private static boolean bool(XmlElement element) {
        return switch (element.text().strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(element.name() + " must be true or false");
        };
    }

    private static S3Exception malformed(String message) {
        return new S3Exception(S3ErrorCode.MalformedXML, message);
    }
}
