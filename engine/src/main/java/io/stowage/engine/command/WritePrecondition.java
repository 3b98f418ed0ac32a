package io.stowage.engine.command;

/**
 * Conditions on the current version for a conditional write (If-Match / If-None-Match: *).
 *
 * @param ifMatchEtag the current version's ETag must equal this (unquoted; "*" means it must exist), or null
 * @param ifNoneMatchAny the key must have no current version
 */
public record WritePrecondition(String ifMatchEtag, boolean ifNoneMatchAny) {

    public static final WritePrecondition NONE = new WritePrecondition(null, false);
}
