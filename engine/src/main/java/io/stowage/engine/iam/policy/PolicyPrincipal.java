package io.stowage.engine.iam.policy;

/** One entry of a statement's Principal element. */
sealed interface PolicyPrincipal {

    boolean matches(Principal requester);

    /** "*" or {"AWS": "*"}: everyone, signed or anonymous. */
    record Everyone() implements PolicyPrincipal {

        @Override
        public boolean matches(Principal requester) {
            return true;
        }
    }

    /** One Stowage user, however the policy named it (name, user ARN, root ARN, canonical id). */
    record User(String name) implements PolicyPrincipal {

        @Override
        public boolean matches(Principal requester) {
            return requester instanceof Principal.User user && user.name().equals(name);
        }
    }
}
