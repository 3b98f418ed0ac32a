package io.stowage.s3.handler;

import io.stowage.s3.checksum.ChecksumType;
import io.stowage.s3.http.S3Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An object's stored checksums: base64 values by algorithm name, plus, for an object completed
 * from a multipart upload, its checksum type under {@link #TYPE_KEY} (COMPOSITE or FULL_OBJECT).
 * Objects without that entry (single PUTs, copies) are FULL_OBJECT.
 */
final class StoredChecksums {

    /** The checksums-map key holding the checksum type; never an algorithm name. */
    static final String TYPE_KEY = "TYPE";

    private StoredChecksums() {
    }

    /** The checksum values by algorithm name, without the type entry. */
    static Map<String, String> values(Map<String, String> checksums) {
        if (!checksums.containsKey(TYPE_KEY)) {
            return checksums;
        }
        Map<String, String> values = new LinkedHashMap<>(checksums);
        values.remove(TYPE_KEY);
        return values;
    }

    /** COMPOSITE or FULL_OBJECT, or null when there is no checksum at all. */
    static String type(Map<String, String> checksums) {
        if (values(checksums).isEmpty()) {
            return null;
        }
        return checksums.getOrDefault(TYPE_KEY, ChecksumType.FULL_OBJECT.name());
    }

    /** x-amz-checksum-&lt;algorithm&gt; for each value and x-amz-checksum-type once. */
    static void writeHeaders(Map<String, String> checksums, S3Response response) {
        values(checksums).forEach((algorithm, value) ->
                response.header("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
        response.header("x-amz-checksum-type", type(checksums));
    }
}
