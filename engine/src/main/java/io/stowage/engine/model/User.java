package io.stowage.engine.model;

/**
 * A user of the server. Admin users may manage every resource (the admin API, any bucket);
 * others reach their own buckets and what grants and policies give them.
 */
public record User(String name, boolean admin, long createdAtMillis) {

    /** The built-in admin of the embedded default; its key comes from configuration, not from the engine. */
    public static final String ROOT = "root";

    /** Who unsigned requests act as (the owner of objects they write); no user may take the name. */
    public static final String ANONYMOUS = "anonymous";
}
