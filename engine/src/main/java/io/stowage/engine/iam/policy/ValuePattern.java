package io.stowage.engine.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string from a policy: literal text, the wildcards * and ?, and, where the policy version has
 * them, policy variables: ${key} or ${key, 'default'} for a request's condition key, and ${*},
 * ${?}, ${$} for the literal character. Whether * and ? act as wildcards is up to the caller:
 * {@link #matches} treats them so, {@link #resolve} as plain characters.
 */
final class ValuePattern {

    private static final Pattern VARIABLE = Pattern.compile("\\s*([^\\s,']+)\\s*(?:,\\s*'([^']*)'\\s*)?");

    private sealed interface Part {
    }

    private record Text(String text) implements Part {
    }

    private record AnyChars() implements Part {
    }

    private record OneChar() implements Part {
    }

    private record Variable(String key, String fallback) implements Part {
    }

    private final List<Part> parts;
    private final boolean ignoreCase;
    private final int[] fixedPattern;

    private ValuePattern(List<Part> parts, boolean ignoreCase) {
        this.parts = List.copyOf(parts);
        this.ignoreCase = ignoreCase;
        this.fixedPattern = parts.stream().anyMatch(Variable.class::isInstance) ? null : glob(RequestContext.empty());
    }

    /**
     * @param variables whether "${...}" is a policy variable (version 2012-10-17) or literal text
     * @param ignoreCase whether {@link #matches} ignores case
     * @throws IllegalArgumentException for a malformed policy variable
     */
    static ValuePattern parse(String text, boolean variables, boolean ignoreCase) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (variables && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text + "' has a policy variable without its closing '}'");
                }
                String inner = text.substring(i + 2, end);
                if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
                    literal.append(inner);
                } else {
                    flush(literal, parts);
                    parts.add(variable(inner, text));
                }
                i = end + 1;
                continue;
            }
            if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? new AnyChars() : new OneChar());
            } else {
                literal.append(c);
            }
            i++;
        }
        flush(literal, parts);
        return new ValuePattern(parts, ignoreCase);
    }

    private static Variable variable(String inner, String text) {
        Matcher m = VARIABLE.matcher(inner);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' has a malformed policy variable ${" + inner + "}");
        }
        return new Variable(m.group(1), m.group(2));
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Text(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Whether the value matches, * and ? being wildcards. A variable the request lacks matches nothing. */
    boolean matches(String value, RequestContext context) {
        int[] pattern = fixedPattern != null ? fixedPattern : glob(context);
        return pattern != null && Wildcards.matches(pattern, codePoints(value));
    }

    /** The text with its variables replaced, * and ? as themselves; empty when a variable has no value. */
    Optional<String> resolve(RequestContext context) {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> sb.append(t.text());
                case AnyChars a -> sb.append('*');
                case OneChar o -> sb.append('?');
                case Variable v -> {
                    Optional<String> value = valueOf(v, context);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    sb.append(value.get());
                }
            }
        }
        return Optional.of(sb.toString());
    }

    /** A fixed value has neither wildcards nor variables: it names exactly one thing. */
    boolean isFixed() {
        return parts.stream().allMatch(Text.class::isInstance);
    }

    private int[] glob(RequestContext context) {
        List<Integer> out = new ArrayList<>();
        for (Part part : parts) {
            switch (part) {
                case Text t -> appendCodePoints(t.text(), out);
                case AnyChars a -> out.add(Wildcards.ANY);
                case OneChar o -> out.add(Wildcards.ONE);
                case Variable v -> {
                    Optional<String> value = valueOf(v, context);
                    if (value.isEmpty()) {
                        return null;
                    }
                    appendCodePoints(value.get(), out);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Optional<String> valueOf(Variable v, RequestContext context) {
        return context.variable(v.key()).or(() -> Optional.ofNullable(v.fallback()));
    }

    private void appendCodePoints(String s, List<Integer> out) {
        for (int cp : codePoints(s)) {
            out.add(cp);
        }
    }

    private int[] codePoints(String s) {
        return s.codePoints().map(cp -> ignoreCase ? Character.toLowerCase(cp) : cp).toArray();
    }
}
