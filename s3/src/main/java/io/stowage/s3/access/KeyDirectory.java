package io.stowage.s3.access;

import io.stowage.engine.Engine;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.KeyStatus;
import io.stowage.engine.model.User;
import io.stowage.s3.Identities;
import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.List;
import java.util.Optional;

/**
 * The access keys the S3 API accepts: the root key from the server's configuration, and the
 * active keys of the engine's users. A disabled key does not exist for authentication.
 */
public final class KeyDirectory implements Identities {

    private final Engine engine;
    private final String rootAccessKeyId;
    private final String rootSecretKey;

    public KeyDirectory(Engine engine, String rootAccessKeyId, String rootSecretKey) {
        this.engine = engine;
        this.rootAccessKeyId = rootAccessKeyId;
        this.rootSecretKey = rootSecretKey;
    }

    @Override
    public Optional<String> secretKey(String accessKeyId) {
        if (rootAccessKeyId.equals(accessKeyId)) {
            return Optional.of(rootSecretKey);
        }
        return activeKey(engine.iam(), accessKeyId).map(AccessKey::secretKey);
    }

    @Override
    public Caller caller(String accessKeyId) {
        if (rootAccessKeyId.equals(accessKeyId)) {
            return new Caller(User.ROOT, accessKeyId, true, List.of());
        }
        IamState iam = engine.iam();
        AccessKey key = activeKey(iam, accessKeyId).orElseThrow(() -> new S3Exception(S3ErrorCode.InvalidAccessKeyId));
        boolean admin = iam.user(key.user()).map(User::admin).orElse(false);
        return new Caller(key.user(), accessKeyId, admin, iam.grants(GrantSubject.key(accessKeyId)));
    }

    private static Optional<AccessKey> activeKey(IamState iam, String accessKeyId) {
        return iam.accessKey(accessKeyId).filter(k -> k.status() == KeyStatus.ACTIVE);
    }
}
