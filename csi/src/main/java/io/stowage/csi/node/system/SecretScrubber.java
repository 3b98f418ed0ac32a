package io.stowage.csi.node.system;

import java.util.Collection;

/** Removes secrets from text that leaves the daemon: a mounter's output in an error message or a log line. */
public final class SecretScrubber {

    public static final String MASK = "***";

    private SecretScrubber() {
    }

    /** {@code text} with every occurrence of each non-empty secret replaced by {@value #MASK}. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, MASK);
            }
        }
        return scrubbed;
    }
}
