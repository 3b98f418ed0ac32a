package io.stowage.server.admin;

import io.stowage.engine.model.Access;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.Quota;
import io.stowage.s3.handler.BucketNames;
import io.stowage.server.admin.json.GrantJson;
import io.stowage.server.admin.json.KeyGrantJson;
import io.stowage.server.admin.json.QuotaJson;
import java.util.List;
import java.util.Locale;

/** Turns request values into engine values, or a 400 saying which value is wrong and how. */
final class RequestChecks {

    private RequestChecks() {
    }

    static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw AdminException.invalid("'" + field + "' is required");
        }
        return value;
    }

    static String bucketName(String name) {
        required(name, "name");
        String problem = BucketNames.problem(name);
        if (problem != null) {
            throw AdminException.invalid("invalid bucket name '" + name + "': " + problem);
        }
        return name;
    }

    static Access access(String value) {
        return switch (required(value, "access")) {
            case "read" -> Access.READ;
            case "write" -> Access.WRITE;
            case "read-write" -> Access.READ_WRITE;
            default -> throw AdminException.invalid("'access' is read, write or read-write, not '" + value + "'");
        };
    }

    static KeyStatus status(String value) {
        return switch (required(value, "status")) {
            case "active" -> KeyStatus.ACTIVE;
            case "disabled" -> KeyStatus.DISABLED;
            default -> throw AdminException.invalid("'status' is active or disabled, not '" + value + "'");
        };
    }

    /** A quota from its JSON: absent limits (or an absent quota) are 0, no limit. */
    static Quota quota(QuotaJson json) {
        if (json == null) {
            return Quota.NONE;
        }
        long maxBytes = json.maxBytes() == null ? 0 : json.maxBytes();
        long maxObjects = json.maxObjects() == null ? 0 : json.maxObjects();
        if (maxBytes < 0 || maxObjects < 0) {
            throw AdminException.invalid("quota limits are 0 (no limit) or more");
        }
        return new Quota(maxBytes, maxObjects);
    }

    /** A key's own grants; the engine makes them grants of the new key whatever subject they carry. */
    static List<Grant> keyGrants(List<KeyGrantJson> grants, String accessKeyId) {
        if (grants == null) {
            return List.of();
        }
        return grants.stream().map(g -> {
            if (g == null) {
                throw AdminException.invalid("'grants' must not contain null");
            }
            return new Grant(GrantSubject.key(accessKeyId), required(g.bucket(), "bucket"), prefix(g.prefix()),
                    access(g.access()));
        }).toList();
    }

    static Grant grant(GrantJson json) {
        return new Grant(subject(json.user(), json.key()), required(json.bucket(), "bucket"), prefix(json.prefix()),
                access(json.access()));
    }

    /** Exactly one of a user name and an access key id. */
    static GrantSubject subject(String user, String key) {
        if ((user == null) == (key == null)) {
            throw AdminException.invalid("a grant is for exactly one of 'user' and 'key'");
        }
        return user != null ? GrantSubject.user(required(user, "user")) : GrantSubject.key(required(key, "key"));
    }

    /** A query flag: absent is false; present, "true" or "false". */
    static boolean flag(String value, String name) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw AdminException.invalid("'" + name + "' is true or false, not '" + value + "'");
        };
    }

    private static String prefix(String prefix) {
        return prefix == null ? "" : prefix;
    }
}
