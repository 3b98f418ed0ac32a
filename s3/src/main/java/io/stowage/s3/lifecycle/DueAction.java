package io.stowage.s3.lifecycle;

/** What a lifecycle rule asks be done to a version now, and which rule asks it. */
public record DueAction(Kind kind, String ruleId) {

    public enum Kind {
        /** The current version expires: removed in an unversioned bucket, hidden by a delete marker otherwise. */
        EXPIRE_CURRENT,
        /** A non-current version (or delete marker) is removed for good. */
        EXPIRE_NONCURRENT,
        /** A current delete marker that hides no version is removed. */
        REMOVE_DELETE_MARKER
    }
}
