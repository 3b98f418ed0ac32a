package io.stowage.server.admin;

import io.stowage.engine.model.Access;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.Quota;
import io.stowage.engine.model.Usage;
import io.stowage.engine.model.User;
import io.stowage.server.admin.json.BucketJson;
import io.stowage.server.admin.json.GrantJson;
import io.stowage.server.admin.json.KeyGrantJson;
import io.stowage.server.admin.json.KeyJson;
import io.stowage.server.admin.json.QuotaJson;
import io.stowage.server.admin.json.UsageJson;
import io.stowage.server.admin.json.UserJson;
import java.time.Instant;
import java.util.Locale;

/** Engine records as the admin API shows them, and the API's names for access levels and key states. */
final class Views {

    private Views() {
    }

    static UserJson user(User user, IamState iam) {
        return new UserJson(user.name(), user.admin(), timestamp(user.createdAtMillis()),
                iam.accessKeys(user.name()).stream().map(k -> key(k, iam, null)).toList());
    }

    /** A key with its own grants; {@code secretKey} only when this response may show it, else null. */
    static KeyJson key(AccessKey key, IamState iam, String secretKey) {
        return new KeyJson(key.accessKeyId(), key.user(), status(key.status()), timestamp(key.createdAtMillis()),
                iam.grants(GrantSubject.key(key.accessKeyId())).stream()
                        .map(g -> new KeyGrantJson(g.bucket(), g.prefix(), access(g.access()))).toList(),
                secretKey);
    }

    static GrantJson grant(Grant grant) {
        boolean user = grant.subject().kind() == GrantSubject.Kind.USER;
        return new GrantJson(grant.bucket(), grant.prefix(), access(grant.access()),
                user ? grant.subject().id() : null, user ? null : grant.subject().id());
    }

    static BucketJson bucket(Bucket bucket, Usage usage) {
        return new BucketJson(bucket.name(), bucket.owner(), timestamp(bucket.createdAtMillis()), bucket.region(),
                quota(bucket.quota()), usage(usage));
    }

    static QuotaJson quota(Quota quota) {
        return new QuotaJson(quota.maxBytes(), quota.maxObjects());
    }

    static UsageJson usage(Usage usage) {
        return new UsageJson(usage.bytes(), usage.objects());
    }

    /** RFC 3339 in UTC. */
    static String timestamp(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** "read", "write" or "read-write". */
    static String access(Access access) {
        return access.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "active" or "disabled". */
    static String status(KeyStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
