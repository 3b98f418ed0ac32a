package io.stowage.engine.iam.policy;

/**
 * AWS's evaluation of one policy: an applicable Deny statement decides DENY, otherwise an
 * applicable Allow statement decides ALLOW, otherwise the policy says nothing (NONE).
 */
final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    static Decision evaluate(PolicyDocument policy, AccessRequest request) {
        boolean allowed = false;
        for (Statement statement : policy.statements()) {
            if (applies(statement, request)) {
                if (statement.effect() == Effect.DENY) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    /** Principal, action, resource and every condition must match. */
    static boolean applies(Statement statement, AccessRequest request) {
        RequestContext context = request.context();
        return statement.principals().stream().anyMatch(p -> p.matches(request.principal()))
                && statement.actions().matches(request.action(), context)
                && statement.resources().matches(request.resource(), context)
                && statement.conditions().stream().allMatch(c -> c.holds(context));
    }
}
