package io.stowage.engine.model;

/** How strictly an object version's retention holds: GOVERNANCE yields to a permitted bypass, COMPLIANCE to nobody. */
public enum RetentionMode {
    GOVERNANCE,
    COMPLIANCE
}
