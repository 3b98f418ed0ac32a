package io.stowage.s3.access;

import io.stowage.engine.iam.policy.Principal;
import io.stowage.engine.model.Grant;
import io.stowage.engine.model.User;
import java.util.List;

/**
 * Who a request acts as.
 *
 * @param user the user name ({@link #ANONYMOUS_NAME} for unsigned requests)
 * @param accessKeyId the key that signed the request, or null
 * @param admin whether the user administers the server (the root user and admin users)
 * @param scope the grants of a scoped key: when not empty, the request reaches only these
 */
public record Caller(String user, String accessKeyId, boolean admin, List<Grant> scope) {

    public static final String ANONYMOUS_NAME = User.ANONYMOUS;
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_NAME, null, false, List.of());

    public Caller {
        scope = List.copyOf(scope);
    }

    public boolean anonymous() {
        return accessKeyId == null;
    }

    public boolean scoped() {
        return !scope.isEmpty();
    }

    /** Admin rights apply only to keys acting with all of their user's rights. */
    public boolean administers() {
        return admin && !scoped();
    }

    Principal policyPrincipal() {
        return anonymous() ? Principal.ANONYMOUS : new Principal.User(user, accessKeyId);
    }
}
