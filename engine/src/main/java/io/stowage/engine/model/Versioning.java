package io.stowage.engine.model;

/** A bucket's versioning state; a bucket that never had versioning stores only "null" versions. */
public enum Versioning {
    UNVERSIONED,
    ENABLED,
    SUSPENDED
}
