package io.stowage.admin.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Access to a bucket, or to the keys under a prefix of it, given to exactly one subject: a user
 * or an access key.
 *
 * @param prefix the key prefix, {@code ""} for the whole bucket
 * @param user the user the grant is for, or {@code null} when it is for a key
 * @param key the access key id the grant is for, or {@code null} when it is for a user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Grant(String bucket, String prefix, Access access, String user, String key) {

    public Grant {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(access, "access");
        prefix = prefix == null ? "" : prefix;
        if ((user == null) == (key == null)) {
            throw new IllegalArgumentException("a grant names exactly one of a user or an access key");
        }
    }

    public static Grant forUser(String user, String bucket, String prefix, Access access) {
        return new Grant(bucket, prefix, access, Objects.requireNonNull(user, "user"), null);
    }

    public static Grant forKey(String accessKeyId, String bucket, String prefix, Access access) {
        return new Grant(bucket, prefix, access, null, Objects.requireNonNull(accessKeyId, "accessKeyId"));
    }
}
