package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.DeleteAccessKey;
import io.stowage.engine.command.SetAccessKeyStatus;
import io.stowage.engine.model.AccessKey;
import io.stowage.engine.model.GrantSubject;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.KeyStatus;
import io.stowage.server.admin.json.KeyStatusRequest;
import io.stowage.server.admin.json.RotateKeyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Access keys by id: /admin/v1/keys/{id}[/rotate]. */
final class KeyHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KeyHandler.class);

    private final Engine engine;
    private final KeyIssuer keys;

    KeyHandler(Engine engine, KeyIssuer keys) {
        this.engine = engine;
        this.keys = keys;
    }

    AdminResponse get(String id) {
        IamState iam = engine.iam();
        return AdminResponse.json(200, Views.key(require(iam, id), iam, null));
    }

    AdminResponse setStatus(String id, byte[] body) {
        KeyStatus status = RequestChecks.status(AdminJson.read(body, KeyStatusRequest.class).status());
        AccessKey key = engine.apply(new SetAccessKeyStatus(id, status));
        LOG.info("Access key {} is now {}", id, Views.status(status));
        return AdminResponse.json(200, Views.key(key, engine.iam(), null));
    }

    AdminResponse delete(String id) {
        keys.refuseRootKey(id);
        boolean existed = engine.iam().accessKey(id).isPresent();
        engine.apply(new DeleteAccessKey(id));
        if (existed) {
            LOG.info("Deleted access key {}", id);
        }
        return AdminResponse.noContent();
    }

    /** A new key for the same user with the same grants; the old key keeps working until it is deleted. */
    AdminResponse rotate(String id, byte[] body) {
        RotateKeyRequest request = AdminJson.readOptional(body, RotateKeyRequest.class, new RotateKeyRequest(null, null));
        IamState iam = engine.iam();
        AccessKey old = require(iam, id);
        KeyPair pair = KeyPair.suppliedOrGenerated(request.accessKeyId(), request.secretKey());
        KeyIssuer.Issued issued = keys.issue(old.user(), pair, iam.grants(GrantSubject.key(id)));
        if (issued.created()) {
            LOG.info("Rotated access key {} to {}", id, pair.accessKeyId());
        }
        return AdminResponse.created(issued.created(), issued.key());
    }

    private static AccessKey require(IamState iam, String id) {
        return iam.accessKey(id).orElseThrow(() -> AdminException.notFound("access key " + id + " does not exist"));
    }
}
