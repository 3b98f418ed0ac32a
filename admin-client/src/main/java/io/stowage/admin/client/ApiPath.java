package io.stowage.admin.client;

import java.nio.charset.StandardCharsets;

/** Builds request paths and queries under {@code /admin/v1}, percent-encoding every name. */
final class ApiPath {

    private final StringBuilder path = new StringBuilder("/admin/v1");
    private char querySeparator = '?';

    private ApiPath() {
    }

    /** The path of the given segments; each is encoded, so a name never adds a segment or a query. */
    static ApiPath of(String... segments) {
        ApiPath result = new ApiPath();
        for (String segment : segments) {
            result.path.append('/').append(encodeSegment(segment));
        }
        return result;
    }

    /** Adds {@code name=value} to the query unless the value is null. */
    ApiPath query(String name, String value) {
        if (value != null) {
            path.append(querySeparator).append(name).append('=').append(encode(value));
            querySeparator = '&';
        }
        return this;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private static String encodeSegment(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("names must not be empty");
        }
        // "." and ".." would be removed by path normalization on the way to the server.
        return segment.chars().allMatch(c -> c == '.') ? "%2E".repeat(segment.length()) : encode(segment);
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
