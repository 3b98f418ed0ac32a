package io.stowage.engine.iam.policy;

enum Effect {
    ALLOW, DENY
}
