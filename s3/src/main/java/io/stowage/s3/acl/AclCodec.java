package io.stowage.s3.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form in which Stowage stores ACLs (a bucket's ACL document, an object version's ACL
 * field): one grant per line, "{@code <PERMISSION> user <name>}" or "{@code <PERMISSION> group
 * <AllUsers|AuthenticatedUsers>}". User names never hold spaces or line breaks.
 */
public final class AclCodec {

    private static final String USER = "user";
    private static final String GROUP = "group";

    private AclCodec() {
    }

    public static String encode(Acl acl) {
        StringBuilder out = new StringBuilder();
        for (AclGrant grant : acl.grants()) {
            out.append(grant.permission().name()).append(' ');
            switch (grant.grantee()) {
                case Grantee.CanonicalUser user -> out.append(USER).append(' ').append(user.id());
                case Grantee.Group group -> out.append(GROUP).append(' ').append(group.shortName());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text was not written by {@link #encode} */
    public static Acl decode(String text) {
        List<AclGrant> grants = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(" ", 3);
            if (fields.length != 3) {
                throw new IllegalArgumentException("not a stored ACL grant: " + line);
            }
            Permission permission = Permission.fromName(fields[0])
                    .orElseThrow(() -> new IllegalArgumentException("unknown permission in a stored ACL: " + line));
            Grantee grantee = switch (fields[1]) {
                case USER -> new Grantee.CanonicalUser(fields[2]);
                case GROUP -> Grantee.Group.fromShortName(fields[2])
                        .orElseThrow(() -> new IllegalArgumentException("unknown group in a stored ACL: " + line));
                default -> throw new IllegalArgumentException("unknown grantee kind in a stored ACL: " + line);
            };
            grants.add(new AclGrant(grantee, permission));
        }
        return new Acl(grants);
    }
}
