package io.stowage.s3.acl;

import java.util.Optional;

/** Who an ACL grant is for: one user, or one of S3's predefined groups. */
public sealed interface Grantee {

    /** Whether a request by {@code user} (null when unsigned) is this grantee's. */
    boolean matches(String user);

    /** A user by canonical ID, which in Stowage is the user name. */
    record CanonicalUser(String id) implements Grantee {

        @Override
        public boolean matches(String user) {
            return id.equals(user);
        }
    }

    /** The predefined groups Stowage supports. */
    enum Group implements Grantee {
        /** Everyone, signed or not. */
        ALL_USERS("AllUsers", "http://acs.amazonaws.com/groups/global/AllUsers"),
        /** Every signed request. */
        AUTHENTICATED_USERS("AuthenticatedUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers");

        /** S3's log delivery group, which Stowage does not have. */
        public static final String LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery";

        private final String shortName;
        private final String uri;

        Group(String shortName, String uri) {
            this.shortName = shortName;
            this.uri = uri;
        }

        public String shortName() {
            return shortName;
        }

        public String uri() {
            return uri;
        }

        @Override
        public boolean matches(String user) {
            return this == ALL_USERS || user != null;
        }

        public static Optional<Group> fromUri(String uri) {
            for (Group g : values()) {
                if (g.uri.equals(uri)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        }

        public static Optional<Group> fromShortName(String name) {
            for (Group g : values()) {
                if (g.shortName.equals(name)) {
                    return Optional.of(g);
                }
            }
            return Optional.empty();
        }
    }
}
