package io.stowage.engine.iam.policy;

/**
 * Glob matching over code points: {@link #ANY} matches any run of characters (also none),
 * {@link #ONE} exactly one character, every other element itself.
 */
final class Wildcards {

    static final int ANY = -1;
    static final int ONE = -2;

    private Wildcards() {
    }

    static boolean matches(int[] pattern, int[] value) {
        int p = 0;
        int v = 0;
        int lastAny = -1;
        int resumeAt = 0;
        while (v < value.length) {
            if (p < pattern.length && (pattern[p] == ONE || pattern[p] == value[v])) {
                p++;
                v++;
            } else if (p < pattern.length && pattern[p] == ANY) {
                lastAny = p++;
                resumeAt = v;
            } else if (lastAny >= 0) {
                // let the last * swallow one more character and retry from there
                p = lastAny + 1;
                v = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY) {
            p++;
        }
        return p == pattern.length;
    }
}
