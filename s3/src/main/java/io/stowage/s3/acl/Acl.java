package io.stowage.s3.acl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/** An S3 access control list: the grants of a bucket or an object, in order, without duplicates. */
public record Acl(List<AclGrant> grants) {

    public Acl {
        grants = List.copyOf(new LinkedHashSet<>(grants));
    }

    /** The default ACL of every bucket and object: its owner has full control. */
    public static Acl ownerFullControl(String owner) {
        return new Acl(List.of(new AclGrant(new Grantee.CanonicalUser(owner), Permission.FULL_CONTROL)));
    }

    /**
     * Whether the ACL grants anything to everyone or to every signed request (what Block Public
     * Access calls a public ACL).
     */
    public boolean isPublic() {
        return grants.stream().anyMatch(g -> g.grantee() instanceof Grantee.Group);
    }

    /**
     * Whether a grant gives {@code wanted} to a request by {@code user} (null when unsigned).
     *
     * @param ignorePublic whether grants to groups count for nothing (IgnorePublicAcls)
     */
    public boolean allows(Permission wanted, String user, boolean ignorePublic) {
        return grants.stream().anyMatch(g -> g.permission().gives(wanted) && g.grantee().matches(user)
                && !(ignorePublic && g.grantee() instanceof Grantee.Group));
    }

    /** The user names the grants name. */
    public Stream<String> users() {
        return grants.stream().map(AclGrant::grantee)
                .flatMap(g -> g instanceof Grantee.CanonicalUser u ? Stream.of(u.id()) : Stream.empty());
    }
}
