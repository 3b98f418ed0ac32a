package io.stowage.s3.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * Which objects a lifecycle rule applies to. {@link Form} keeps how the rule spelled it, so the configuration
 * reads back as it was written.
 *
 * @param prefix the key prefix objects must start with, or null for none
 * @param tags tags objects must all carry, in the order given
 * @param sizeGreaterThan objects must be larger than this many bytes, or null
 * @param sizeLessThan objects must be smaller than this many bytes, or null
 */
public record LifecycleFilter(Form form, String prefix, List<Tag> tags, Long sizeGreaterThan, Long sizeLessThan) {

    /** How the rule names its objects. */
    public enum Form {
        /** The rule-level {@code <Prefix>} of the first lifecycle API. */
        LEGACY_PREFIX,
        /** An empty {@code <Filter/>}: every object. */
        EMPTY,
        PREFIX,
        TAG,
        SIZE_GREATER_THAN,
        SIZE_LESS_THAN,
        AND
    }

    public record Tag(String key, String value) {
    }

    public LifecycleFilter {
        tags = List.copyOf(tags);
    }

    /** Whether an object with this key, size and tags is one the rule applies to. */
    public boolean matches(String key, long size, Map<String, String> objectTags) {
        if (prefix != null && !key.startsWith(prefix)) {
            return false;
        }
        if (sizeGreaterThan != null && size <= sizeGreaterThan) {
            return false;
        }
        if (sizeLessThan != null && size >= sizeLessThan) {
            return false;
        }
        for (Tag tag : tags) {
            if (!tag.value().equals(objectTags.get(tag.key()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether an upload of this key is one the rule applies to: only the prefix counts, its size is not known yet. */
    public boolean matchesUpload(String key) {
        return prefix == null || key.startsWith(prefix);
    }

    public boolean hasTags() {
        return !tags.isEmpty();
    }
}
