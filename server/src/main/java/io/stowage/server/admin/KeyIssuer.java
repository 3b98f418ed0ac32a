package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.CreateAccessKey;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.Grant;
import io.stowage.server.admin.json.KeyJson;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates access keys (with their grants, in one engine command) for the user, key and rotate resources. */
final class KeyIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(KeyIssuer.class);

    /** The key as the response shows it, with its secret, and whether this request created it. */
    record Issued(KeyJson key, boolean created) {
    }

    private final Engine engine;
    private final String rootAccessKeyId;
    private final Clock clock;

    KeyIssuer(Engine engine, String rootAccessKeyId, Clock clock) {
        this.engine = engine;
        this.rootAccessKeyId = rootAccessKeyId;
        this.clock = clock;
    }

    /**
     * Creates the key, or finds it already created with the same user, secret and grants (the
     * engine's idempotency); the same id with anything else is a conflict.
     */
    Issued issue(String user, KeyPair pair, List<Grant> grants) {
        checkAvailable(user, pair.accessKeyId());
        boolean existed = engine.iam().accessKey(pair.accessKeyId()).isPresent();
        AccessKey key = engine.apply(new CreateAccessKey(user, pair.accessKeyId(), pair.secretKey(), clock.millis(), grants));
        if (!existed) {
            LOG.info("Created access key {} for user {} ({} grants)", key.accessKeyId(), user, grants.size());
        }
        return new Issued(Views.key(key, engine.iam(), pair.secretKey()), !existed);
    }

    /**
     * Fails unless {@code accessKeyId} is free or already a key of {@code user}: checked before a
     * request changes anything, so a conflicting key does not leave half of the request done.
     */
    void checkAvailable(String user, String accessKeyId) {
        refuseRootKey(accessKeyId);
        engine.iam().accessKey(accessKeyId).filter(k -> !k.user().equals(user)).ifPresent(k -> {
            throw AdminException.conflict("access key " + accessKeyId + " belongs to another user");
        });
    }

    /** The root key comes from the server's configuration: no engine key may shadow or pretend to be it. */
    void refuseRootKey(String accessKeyId) {
        if (rootAccessKeyId.equals(accessKeyId)) {
            throw AdminException.conflict("access key " + accessKeyId
                    + " is the root key, which the server's configuration sets: it is not managed here");
        }
    }
}
