package io.stowage.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The keys of prepared objects: p000/o0000000 .. p099/..., so 100 prefixes. */
final class Keys {

    static final int PREFIXES = 100;

    private Keys() {
    }

    static String key(int i) {
        return String.format(Locale.ROOT, "p%03d/o%07d", i % PREFIXES, i / PREFIXES);
    }

    static String prefix(int p) {
        return String.format(Locale.ROOT, "p%03d/", p);
    }

    /** "/bucket/key", encoded as the request line and the signature want it. */
    static String path(String bucket, String key) {
        return "/" + bucket + "/" + UriEncoding.encode(key, true);
    }

    /** The paths of the first {@code objects} keys, as ASCII bytes. */
    static byte[][] paths(String bucket, int objects) {
        byte[][] paths = new byte[objects][];
        for (int i = 0; i < objects; i++) {
            paths[i] = path(bucket, key(i)).getBytes(StandardCharsets.US_ASCII);
        }
        return paths;
    }

    /** How many of the first {@code objects} keys start with {@code prefix} (as made by {@link #prefix}). */
    static long countInPrefix(int objects, String prefix) {
        int p = Integer.parseInt(prefix.substring(1, 4));
        return objects / PREFIXES + (p < objects % PREFIXES ? 1 : 0);
    }
}
