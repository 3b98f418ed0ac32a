package io.stowage.engine.error;

/** A new prefix quota asked for a prefix that already holds objects, versions or delete markers. */
public final class PrefixNotEmptyException extends EngineException {

    public PrefixNotEmptyException(String resource) {
        super("A prefix quota can only be set on an empty prefix: delete what is under it first", resource);
    }
}
