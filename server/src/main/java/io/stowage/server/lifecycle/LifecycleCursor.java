package io.stowage.server.lifecycle;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a lifecycle pass stopped in a bucket: after which version (or upload) to go on, and what the walk knew about
 * the versions of that key it had already seen, which the older ones need.
 *
 * @param keyMarker the key of the last entry dealt with, or null at the start of the phase
 * @param idMarker its version id (or upload id), or null
 * @param newerModifiedMillis the last-modified time of the last version of {@code keyMarker} seen: when the next older
 *     version stopped being current
 * @param newerNoncurrent how many non-current versions of {@code keyMarker} came before
 */
public record LifecycleCursor(Phase phase, String keyMarker, String idMarker, long newerModifiedMillis, int newerNoncurrent) {

    /** The versions are walked first, then the multipart uploads. */
    public enum Phase {
        VERSIONS, UPLOADS
    }

    public static final LifecycleCursor START = new LifecycleCursor(Phase.VERSIONS, null, null, 0, 0);

    /** Lines of name=value, values URL-encoded: keys may hold any character, newlines included. */
    public String encode() {
        StringBuilder text = new StringBuilder("phase=").append(phase.name()).append('\n');
        if (keyMarker != null) {
            text.append("key=").append(URLEncoder.encode(keyMarker, StandardCharsets.UTF_8)).append('\n');
        }
        if (idMarker != null) {
            text.append("id=").append(URLEncoder.encode(idMarker, StandardCharsets.UTF_8)).append('\n');
        }
        return text.append("newerModified=").append(newerModifiedMillis).append('\n')
                .append("newerNoncurrent=").append(newerNoncurrent).append('\n')
                .toString();
    }

    /** @throws IllegalArgumentException when the text was not written by {@link #encode} */
    public static LifecycleCursor decode(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a lifecycle cursor line: " + line);
            }
            values.put(line.substring(0, eq), URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
        }
        try {
            return new LifecycleCursor(Phase.valueOf(values.get("phase")), values.get("key"), values.get("id"),
                    Long.parseLong(values.get("newerModified")), Integer.parseInt(values.get("newerNoncurrent")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("an incomplete lifecycle cursor: " + text, e);
        }
    }
}
