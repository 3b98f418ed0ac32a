package io.stowage.engine.iam.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A condition operator as written in a policy, such as "ForAnyValue:StringNotLikeIfExists": a
 * comparison, whether it is negated, the IfExists suffix and the set qualifier. Names are matched
 * without regard to case. Null is not among these: see {@link NullCondition}.
 */
record ConditionOperator(String name, Comparison comparison, boolean negated, boolean ifExists, SetQualifier qualifier) {

    enum SetQualifier {
        NONE, FOR_ANY_VALUE, FOR_ALL_VALUES
    }

    private record Base(Comparison comparison, boolean negated) {
    }

    private static final Map<String, Base> BASES = Map.ofEntries(
            Map.entry("stringequals", new Base(Comparison.STRING_EQUALS, false)),
            Map.entry("stringnotequals", new Base(Comparison.STRING_EQUALS, true)),
            Map.entry("stringequalsignorecase", new Base(Comparison.STRING_EQUALS_IGNORE_CASE, false)),
            Map.entry("stringnotequalsignorecase", new Base(Comparison.STRING_EQUALS_IGNORE_CASE, true)),
            Map.entry("stringlike", new Base(Comparison.STRING_LIKE, false)),
            Map.entry("stringnotlike", new Base(Comparison.STRING_LIKE, true)),
            Map.entry("numericequals", new Base(Comparison.NUMERIC_EQUALS, false)),
            Map.entry("numericnotequals", new Base(Comparison.NUMERIC_EQUALS, true)),
            Map.entry("numericlessthan", new Base(Comparison.NUMERIC_LESS_THAN, false)),
            Map.entry("numericlessthanequals", new Base(Comparison.NUMERIC_LESS_THAN_EQUALS, false)),
            Map.entry("numericgreaterthan", new Base(Comparison.NUMERIC_GREATER_THAN, false)),
            Map.entry("numericgreaterthanequals", new Base(Comparison.NUMERIC_GREATER_THAN_EQUALS, false)),
            Map.entry("dateequals", new Base(Comparison.DATE_EQUALS, false)),
            Map.entry("datenotequals", new Base(Comparison.DATE_EQUALS, true)),
            Map.entry("datelessthan", new Base(Comparison.DATE_LESS_THAN, false)),
            Map.entry("datelessthanequals", new Base(Comparison.DATE_LESS_THAN_EQUALS, false)),
            Map.entry("dategreaterthan", new Base(Comparison.DATE_GREATER_THAN, false)),
            Map.entry("dategreaterthanequals", new Base(Comparison.DATE_GREATER_THAN_EQUALS, false)),
            Map.entry("bool", new Base(Comparison.BOOL, false)),
            Map.entry("ipaddress", new Base(Comparison.IP_ADDRESS, false)),
            Map.entry("notipaddress", new Base(Comparison.IP_ADDRESS, true)));

    private static final String FOR_ANY_VALUE = "foranyvalue:";
    private static final String FOR_ALL_VALUES = "forallvalues:";
    private static final String IF_EXISTS = "ifexists";

    /** @return empty when the name is not an operator this class knows */
    static Optional<ConditionOperator> parse(String name) {
        String rest = name.toLowerCase(Locale.ROOT);
        SetQualifier qualifier = SetQualifier.NONE;
        if (rest.startsWith(FOR_ANY_VALUE)) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring(FOR_ANY_VALUE.length());
        } else if (rest.startsWith(FOR_ALL_VALUES)) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring(FOR_ALL_VALUES.length());
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        if (ifExists) {
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        Base base = BASES.get(rest);
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(name, base.comparison(), base.negated(), ifExists, qualifier));
    }
}
