package io.stowage.admin.client;

/**
 * Which grants to list: every non-null field narrows the listing.
 *
 * @param key an access key id
 */
public record GrantFilter(String bucket, String user, String key) {

    public static final GrantFilter ALL = new GrantFilter(null, null, null);

    public GrantFilter bucket(String bucket) {
        return new GrantFilter(bucket, user, key);
    }

    public GrantFilter user(String user) {
        return new GrantFilter(bucket, user, key);
    }

    public GrantFilter key(String key) {
        return new GrantFilter(bucket, user, key);
    }
}
