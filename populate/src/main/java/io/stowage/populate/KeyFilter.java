package io.stowage.populate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which keys to copy, by glob patterns matched against the key relative to the prefix: a key is copied when it
 * matches an include pattern (or none are given) and no exclude pattern. {@code *} and {@code ?} stay within one
 * path segment, {@code **} crosses them ({@code **}{@code /} also matches no directory at all), {@code [abc]} is a
 * character class and {@code {a,b}} a choice.
 */
public final class KeyFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    private KeyFilter(List<Pattern> includes, List<Pattern> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /** @throws IllegalArgumentException naming a pattern that is not a glob */
    public static KeyFilter of(List<String> includes, List<String> excludes) {
        return new KeyFilter(includes.stream().map(g -> compile(g, "--include")).toList(),
                excludes.stream().map(g -> compile(g, "--exclude")).toList());
    }

    public static KeyFilter all() {
        return new KeyFilter(List.of(), List.of());
    }

    public boolean accepts(String relativeKey) {
        return (includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(relativeKey).matches()))
                && excludes.stream().noneMatch(p -> p.matcher(relativeKey).matches());
    }

    private static Pattern compile(String glob, String option) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException(option + ": an empty pattern");
        }
        return Pattern.compile(regex(glob, option), Pattern.DOTALL);
    }

    static String regex(String glob, String option) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            out.append("(?:.*/)?");
                        } else {
                            out.append(".*");
                        }
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException(option + ": '[' without ']' in " + glob);
                    }
                    String body = glob.substring(i + 1, close);
                    boolean negated = body.startsWith("!");
                    out.append('[').append(negated ? "^/" : "")
                            .append((negated ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\[").replace("&&", "\\&\\&"))
                            .append(']');
                    i = close;
                }
                case '{' -> {
                    braces++;
                    out.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException(option + ": '}' without '{' in " + glob);
                    }
                    braces--;
                    out.append(')');
                }
                case ',' -> out.append(braces > 0 ? "|" : ",");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException(option + ": '{' without '}' in " + glob);
        }
        return out.toString();
    }
}
