package io.stowage.engine.command;

import io.stowage.engine.model.ObjectVersion;

/**
 * Makes {@code version} the current version of its key. In an unversioned bucket it replaces the
 * "null" version and the replaced body is freed after the commit. The precondition is checked
 * atomically with the write.
 */
public record PutObject(String bucket, ObjectVersion version, WritePrecondition precondition) implements Command<ObjectVersion> {

    public PutObject(String bucket, ObjectVersion version) {
        this(bucket, version, WritePrecondition.NONE);
    }
}
