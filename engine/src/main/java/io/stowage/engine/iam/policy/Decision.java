package io.stowage.engine.iam.policy;

/** What a policy says about a request. */
public enum Decision {
    /** An Allow statement applies and no Deny statement does. */
    ALLOW,
    /** A Deny statement applies: it wins over every Allow, here and in any other policy. */
    DENY,
    /** No statement applies: the policy neither grants nor refuses (AWS's implicit deny). */
    NONE
}
