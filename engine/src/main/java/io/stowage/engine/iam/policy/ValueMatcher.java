package io.stowage.engine.iam.policy;

/** One value of a condition in a policy, ready to be tested against one value from a request. */
@FunctionalInterface
interface ValueMatcher {

    boolean matches(String requestValue, RequestContext context);
}
