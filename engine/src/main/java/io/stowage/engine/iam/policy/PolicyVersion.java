package io.stowage.engine.iam.policy;

import java.util.Optional;

/** The policy language versions; policy variables exist only from 2012-10-17 on. */
enum PolicyVersion {
    V2008_10_17("2008-10-17", false),
    V2012_10_17("2012-10-17", true);

    private final String text;
    private final boolean variables;

    PolicyVersion(String text, boolean variables) {
        this.text = text;
        this.variables = variables;
    }

    static Optional<PolicyVersion> of(String text) {
        for (PolicyVersion v : values()) {
            if (v.text.equals(text)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Whether "${...}" is a policy variable; before 2012-10-17 it is literal text. */
    boolean hasVariables() {
        return variables;
    }
}
