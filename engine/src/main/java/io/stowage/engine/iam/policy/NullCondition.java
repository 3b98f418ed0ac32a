package io.stowage.engine.iam.policy;

import java.util.List;

/**
 * The Null operator: "true" holds when the request lacks the key, "false" when it has it. Several
 * values are alternatives, as for any operator.
 */
record NullCondition(String key, List<Boolean> expectMissing) implements Condition {

    NullCondition {
        expectMissing = List.copyOf(expectMissing);
    }

    @Override
    public boolean holds(RequestContext context) {
        return expectMissing.contains(context.values(key).isEmpty());
    }
}
