package io.stowage.engine.command;

import io.stowage.engine.model.GrantSubject;

/** Removes the grant of a subject on a bucket and prefix; a missing grant is a no-op. */
public record DeleteGrant(GrantSubject subject, String bucket, String prefix) implements Command<Void> {

    public DeleteGrant {
        prefix = prefix == null ? "" : prefix;
    }
}
