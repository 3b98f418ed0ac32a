package io.stowage.engine.iam.policy;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * The positive comparisons behind the condition operators. A negated operator (StringNotEquals,
 * NotIpAddress, ...) is one of these with its result turned around; see {@link ConditionOperator}.
 * Policy variables work in the string comparisons only, as in AWS.
 */
enum Comparison {
    STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE,
    NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS,
    DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS,
    BOOL, IP_ADDRESS;

    /** @throws IllegalArgumentException when the policy value does not suit this comparison */
    ValueMatcher compile(String policyValue, PolicyVersion version) {
        return switch (this) {
            case STRING_EQUALS -> {
                ValuePattern expected = ValuePattern.parse(policyValue, version.hasVariables(), false);
                yield (actual, context) -> expected.resolve(context).map(actual::equals).orElse(false);
            }
            case STRING_EQUALS_IGNORE_CASE -> {
                ValuePattern expected = ValuePattern.parse(policyValue, version.hasVariables(), false);
                yield (actual, context) -> expected.resolve(context).map(actual::equalsIgnoreCase).orElse(false);
            }
            case STRING_LIKE -> ValuePattern.parse(policyValue, version.hasVariables(), false)::matches;
            case NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS, NUMERIC_GREATER_THAN,
                    NUMERIC_GREATER_THAN_EQUALS -> ordered(policyValue, Comparison::number, "a number");
            case DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS ->
                    ordered(policyValue, PolicyDates::parse, "a date (ISO 8601 or epoch seconds)");
            case BOOL -> {
                String expected = Boolean.toString(bool(policyValue));
                yield (actual, context) -> actual.equalsIgnoreCase(expected);
            }
            case IP_ADDRESS -> {
                Cidr range = Cidr.parse(policyValue);
                yield (actual, context) -> Cidr.address(actual).map(range::contains).orElse(false);
            }
        };
    }

    /** "true" or "false" in any case, as Bool and Null take them. */
    static boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    private <T extends Comparable<T>> ValueMatcher ordered(String policyValue, Function<String, Optional<T>> parse,
            String kind) {
        T expected = parse.apply(policyValue)
                .orElseThrow(() -> new IllegalArgumentException("'" + policyValue + "' is not " + kind));
        return (actual, context) -> parse.apply(actual).map(a -> accepts(a.compareTo(expected))).orElse(false);
    }

    private boolean accepts(int order) {
        return switch (this) {
            case NUMERIC_EQUALS, DATE_EQUALS -> order == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
            default -> throw new IllegalStateException(this + " does not order values");
        };
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
