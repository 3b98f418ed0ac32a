package io.stowage.s3.lifecycle;

import io.stowage.s3.lifecycle.LifecycleFilter.Tag;
import io.stowage.s3.lifecycle.LifecycleRule.Expiration;
import io.stowage.s3.lifecycle.LifecycleRule.NoncurrentExpiration;
import io.stowage.s3.xml.XmlWriter;
import java.time.Instant;

/**
 * Writes a lifecycle configuration as the LifecycleConfiguration document GetBucketLifecycleConfiguration answers;
 * the same text is what the bucket stores, read back by {@link LifecycleXmlReader}.
 */
public final class LifecycleXmlWriter {

    private LifecycleXmlWriter() {
    }

    public static byte[] write(LifecycleConfiguration configuration) {
        XmlWriter xml = new XmlWriter().root("LifecycleConfiguration");
        for (LifecycleRule rule : configuration.rules()) {
            xml.start("Rule").element("ID", rule.id());
            filter(xml, rule.filter());
            xml.element("Status", rule.enabled() ? "Enabled" : "Disabled");
            expiration(xml, rule.expiration());
            noncurrent(xml, rule.noncurrentExpiration());
            if (rule.abortIncompleteUploadDays() != null) {
                xml.start("AbortIncompleteMultipartUpload")
                        .element("DaysAfterInitiation", rule.abortIncompleteUploadDays())
                        .end("AbortIncompleteMultipartUpload");
            }
            xml.end("Rule");
        }
        return xml.end("LifecycleConfiguration").toBytes();
    }

    private static void filter(XmlWriter xml, LifecycleFilter filter) {
        if (filter.form() == LifecycleFilter.Form.LEGACY_PREFIX) {
            xml.element("Prefix", filter.prefix());
            return;
        }
        xml.start("Filter");
        switch (filter.form()) {
            case PREFIX -> xml.element("Prefix", filter.prefix());
            case TAG -> tag(xml, filter.tags().getFirst());
            case SIZE_GREATER_THAN -> xml.element("ObjectSizeGreaterThan", filter.sizeGreaterThan());
            case SIZE_LESS_THAN -> xml.element("ObjectSizeLessThan", filter.sizeLessThan());
            case AND -> {
                xml.start("And").optional("Prefix", filter.prefix());
                filter.tags().forEach(tag -> tag(xml, tag));
                if (filter.sizeGreaterThan() != null) {
                    xml.element("ObjectSizeGreaterThan", filter.sizeGreaterThan());
                }
                if (filter.sizeLessThan() != null) {
                    xml.element("ObjectSizeLessThan", filter.sizeLessThan());
                }
                xml.end("And");
            }
            case EMPTY, LEGACY_PREFIX -> {
            }
        }
        xml.end("Filter");
    }

    private static void tag(XmlWriter xml, Tag tag) {
        xml.start("Tag").element("Key", tag.key()).element("Value", tag.value()).end("Tag");
    }

    private static void expiration(XmlWriter xml, Expiration expiration) {
        if (expiration == null) {
            return;
        }
        xml.start("Expiration");
        if (expiration.days() != null) {
            xml.element("Days", expiration.days());
        }
        if (expiration.dateMillis() != null) {
            xml.element("Date", Instant.ofEpochMilli(expiration.dateMillis()).toString());
        }
        if (expiration.expiredObjectDeleteMarker() != null) {
            xml.element("ExpiredObjectDeleteMarker", expiration.expiredObjectDeleteMarker());
        }
        xml.end("Expiration");
    }

    private static void noncurrent(XmlWriter xml, NoncurrentExpiration noncurrent) {
        if (noncurrent == null) {
            return;
        }
        xml.start("NoncurrentVersionExpiration").element("NoncurrentDays", noncurrent.noncurrentDays());
        if (noncurrent.newerNoncurrentVersions() != null) {
            xml.element("NewerNoncurrentVersions", noncurrent.newerNoncurrentVersions());
        }
        xml.end("NoncurrentVersionExpiration");
    }
}
