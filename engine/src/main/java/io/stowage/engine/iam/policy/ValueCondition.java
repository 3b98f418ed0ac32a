package io.stowage.engine.iam.policy;

import java.util.List;

/**
 * A condition comparing a key's values in the request with the policy's values. The policy's
 * values are alternatives: a request value is accepted by a positive operator when it matches
 * any of them, by a negated one when it matches none.
 *
 * @param values the policy's values as written, for {@link PublicPolicyCheck}
 * @param matchers the same values, compiled for the operator's comparison
 */
record ValueCondition(ConditionOperator operator, String key, List<String> values, List<ValueMatcher> matchers)
        implements Condition {

    ValueCondition {
        values = List.copyOf(values);
        matchers = List.copyOf(matchers);
    }

    @Override
    public boolean holds(RequestContext context) {
        List<String> actual = context.values(key);
        if (actual.isEmpty()) {
            // AWS: a missing key fails a condition, except that it passes ...IfExists, passes a
            // negated operator ("not equal to any of these") and passes ForAllValues (empty set)
            return operator.ifExists() || switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> actual.stream().allMatch(v -> accepts(v, context));
            case FOR_ANY_VALUE -> actual.stream().anyMatch(v -> accepts(v, context));
            // A key with several values should be tested with a qualifier; without one, a positive
            // operator needs one accepted value and a negated operator needs every value accepted
            // (none of them matches any policy value).
            case NONE -> operator.negated()
                    ? actual.stream().allMatch(v -> accepts(v, context))
                    : actual.stream().anyMatch(v -> accepts(v, context));
        };
    }

    private boolean accepts(String requestValue, RequestContext context) {
        boolean matchesOne = matchers.stream().anyMatch(m -> m.matches(requestValue, context));
        return matchesOne != operator.negated();
    }
}
