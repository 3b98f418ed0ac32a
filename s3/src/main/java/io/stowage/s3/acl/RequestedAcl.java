package io.stowage.s3.acl;

import io.stowage.s3.error.S3ErrorCode;
import io.stowage.s3.error.S3Exception;
import java.util.function.Function;

/**
 * The ACL a request sets through its headers: either a canned ACL (x-amz-acl) or explicit grants
 * (x-amz-grant-*), never both.
 *
 * @param canned the canned ACL, or null when the request gives grants
 * @param grants the explicit grants, or null when the request gives a canned ACL
 */
public record RequestedAcl(CannedAcl canned, Acl grants) {

    /**
     * @param header a header's value by lower-case name, or null when absent
     * @return null when the request sets no ACL through its headers
     * @throws S3Exception InvalidRequest when it gives both, or what parsing either throws
     */
    public static RequestedAcl fromHeaders(Function<String, String> header) {
        String cannedHeader = header.apply("x-amz-acl");
        Acl grants = GrantHeaders.parse(header);
        if (cannedHeader != null && grants != null) {
            throw new S3Exception(S3ErrorCode.InvalidRequest, "Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (cannedHeader != null) {
            return new RequestedAcl(CannedAcl.parse(cannedHeader), null);
        }
        return grants == null ? null : new RequestedAcl(null, grants);
    }

    /** The grants this request sets on a resource owned by {@code owner} in a bucket owned by {@code bucketOwner}. */
    public Acl resolve(String owner, String bucketOwner) {
        return canned != null ? canned.expand(owner, bucketOwner) : grants;
    }
}
