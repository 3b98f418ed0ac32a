package io.stowage.cli.admin;

import io.stowage.admin.client.Access;
import io.stowage.admin.client.Grant;
import picocli.CommandLine.Option;

/** Who a grant is for: exactly one of a user or an access key. */
final class SubjectOptions {

    @Option(names = "--user", paramLabel = "USER", required = true, description = "A user")
    String user;

    @Option(names = "--key", paramLabel = "ID", required = true, description = "An access key id")
    String key;

    Grant grant(BucketPath path, Access access) {
        return user != null ? Grant.forUser(user, path.bucket(), path.prefix(), access)
                : Grant.forKey(key, path.bucket(), path.prefix(), access);
    }

    @Override
    public String toString() {
        return user != null ? "user " + user : "access key " + key;
    }
}
