package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;

/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, '/' kept if asked. */
final class UriEncoding {

    private UriEncoding() {
    }

    static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_'
                    || b == '.' || b == '~' || keepSlash && b == '/') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
