package io.stowage.engine.iam.policy;

/**
 * One operator and key of a Condition block. A statement applies only when all of its conditions
 * hold. Key names are case-insensitive.
 */
sealed interface Condition permits ValueCondition, NullCondition {

    boolean holds(RequestContext context);
}
