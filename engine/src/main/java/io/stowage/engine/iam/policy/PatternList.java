package io.stowage.engine.iam.policy;

import java.util.List;

/**
 * The patterns of an Action or Resource element, or of NotAction / NotResource ({@code negated}):
 * a value matches the first when any pattern matches it, the second when none does.
 */
record PatternList(boolean negated, List<ValuePattern> patterns) {

    PatternList {
        patterns = List.copyOf(patterns);
    }

    boolean matches(String value, RequestContext context) {
        boolean any = patterns.stream().anyMatch(p -> p.matches(value, context));
        return any != negated;
    }
}
