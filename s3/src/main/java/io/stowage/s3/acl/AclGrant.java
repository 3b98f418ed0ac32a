package io.stowage.s3.acl;

/** One entry of an access control list. */
public record AclGrant(Grantee grantee, Permission permission) {
}
