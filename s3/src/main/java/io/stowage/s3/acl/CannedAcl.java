package io.stowage.s3.acl;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.ArrayList;
import java.util.List;

/** The canned ACLs of the x-amz-acl header, and the grants each stands for. */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"),
    BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control");

    private final String headerValue;

    CannedAcl(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    /**
     * @throws S3Exception NotImplemented for S3's canned ACLs about AWS services (aws-exec-read,
     *     log-delivery-write), InvalidArgument for a value S3 does not know
     */
    public static CannedAcl parse(String header) {
        String value = header.trim();
        for (CannedAcl canned : values()) {
            if (canned.headerValue.equals(value)) {
                return canned;
            }
        }
        if (value.equals("aws-exec-read") || value.equals("log-delivery-write")) {
            throw new S3Exception(S3ErrorCode.NotImplemented, "The canned ACL '" + value
                    + "' grants to an AWS service group, which Stowage does not have");
        }
        throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid canned ACL in x-amz-acl: '" + value + "'");
    }

    /**
     * The grants of this canned ACL on a resource owned by {@code owner} in a bucket owned by
     * {@code bucketOwner} (the same user for a bucket, where the bucket-owner ACLs add nothing).
     */
    public Acl expand(String owner, String bucketOwner) {
        List<AclGrant> grants = new ArrayList<>(Acl.ownerFullControl(owner).grants());
        switch (this) {
            case PRIVATE -> {
            }
            case PUBLIC_READ -> grants.add(new AclGrant(Grantee.Group.ALL_USERS, Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new AclGrant(Grantee.Group.ALL_USERS, Permission.READ));
                grants.add(new AclGrant(Grantee.Group.ALL_USERS, Permission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(new AclGrant(Grantee.Group.AUTHENTICATED_USERS, Permission.READ));
            case BUCKET_OWNER_READ, BUCKET_OWNER_FULL_CONTROL -> {
                if (!bucketOwner.equals(owner)) {
                    Permission p = this == BUCKET_OWNER_READ ? Permission.READ : Permission.FULL_CONTROL;
                    grants.add(new AclGrant(new Grantee.CanonicalUser(bucketOwner), p));
                }
            }
        }
        return new Acl(grants);
    }
}
