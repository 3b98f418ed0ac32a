package io.stowage.server.admin;

import io.stowage.engine.Engine;
import io.stowage.engine.command.CreateUser;
import io.stowage.engine.command.DeleteUser;
import io.stowage.engine.model.IamState;
import io.stowage.engine.model.User;
import io.stowage.engine.store.IamNames;
import io.stowage.server.admin.json.CreateKeyRequest;
import io.stowage.server.admin.json.CreateUserRequest;
import io.stowage.server.admin.json.CreateUserResponse;
import io.stowage.server.admin.json.KeyJson;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users, and the keys created under a user: /admin/v1/users[/{name}[/keys]]. */
final class UserHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UserHandler.class);

    private final Engine engine;
    private final KeyIssuer keys;
    private final Clock clock;

    UserHandler(Engine engine, KeyIssuer keys, Clock clock) {
        this.engine = engine;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Creates a user. With a key pair in the request, also that key (both idempotent); without, a
     * generated key only when the user is new, so a repeat answers the user alone.
     */
    AdminResponse create(byte[] body) {
        CreateUserRequest request = AdminJson.read(body, CreateUserRequest.class);
        String name = RequestChecks.required(request.name(), "name");
        IamNames.checkUser(name);
        KeyPair supplied = KeyPair.supplied(request.accessKeyId(), request.secretKey());
        if (supplied != null) {
            keys.checkAvailable(name, supplied.accessKeyId());
        }
        boolean existed = engine.iam().user(name).isPresent();
        User user = engine.apply(new CreateUser(name, Boolean.TRUE.equals(request.admin()), clock.millis()));
        if (!existed) {
            LOG.info("Created user {} (admin={})", name, user.admin());
        }
        KeyIssuer.Issued issued = null;
        if (supplied != null) {
            issued = keys.issue(name, supplied, List.of());
        } else if (!existed) {
            issued = keys.issue(name, KeyPair.generate(), List.of());
        }
        boolean created = !existed || issued != null && issued.created();
        KeyJson key = issued == null ? null : issued.key();
        return AdminResponse.created(created, new CreateUserResponse(Views.user(user, engine.iam()), key));
    }

    AdminResponse list() {
        IamState iam = engine.iam();
        return AdminResponse.json(200, iam.users().stream().map(u -> Views.user(u, iam)).toList());
    }

    AdminResponse get(String name) {
        IamState iam = engine.iam();
        return AdminResponse.json(200, Views.user(require(iam, name), iam));
    }

    /** Deletes a user with its keys and grants; refused while the user owns buckets. */
    AdminResponse delete(String name) {
        if (User.ROOT.equals(name)) {
            throw AdminException.conflict("root is the built-in admin and cannot be deleted");
        }
        boolean existed = engine.iam().user(name).isPresent();
        engine.apply(new DeleteUser(name));
        if (existed) {
            LOG.info("Deleted user {} with its keys and grants", name);
        }
        return AdminResponse.noContent();
    }

    AdminResponse createKey(String user, byte[] body) {
        CreateKeyRequest request = AdminJson.readOptional(body, CreateKeyRequest.class, new CreateKeyRequest(null, null, null));
        require(engine.iam(), user);
        KeyPair pair = KeyPair.suppliedOrGenerated(request.accessKeyId(), request.secretKey());
        KeyIssuer.Issued issued = keys.issue(user, pair, RequestChecks.keyGrants(request.grants(), pair.accessKeyId()));
        return AdminResponse.created(issued.created(), issued.key());
    }

    AdminResponse listKeys(String user) {
        IamState iam = engine.iam();
        require(iam, user);
        return AdminResponse.json(200, iam.accessKeys(user).stream().map(k -> Views.key(k, iam, null)).toList());
    }

    private static User require(IamState iam, String name) {
        return iam.user(name).orElseThrow(() -> AdminException.notFound("user " + name + " does not exist"));
    }
}
