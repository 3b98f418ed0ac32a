package io.stowage.s3.acl;

import java.util.Optional;

/** A bucket's S3 Object Ownership setting: who owns new objects, and whether ACLs count at all. */
public enum ObjectOwnership {
    /** ACLs are disabled: the bucket owner owns every object, and only policies and grants give access. */
    BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
    /** The bucket owner owns new objects written with the bucket-owner-full-control canned ACL. */
    BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
    /** The writer owns each new object; what Stowage applies to buckets that set nothing. */
    OBJECT_WRITER("ObjectWriter");

    private final String value;

    ObjectOwnership(String value) {
        this.value = value;
    }

    /** The name in S3's XML and in the x-amz-object-ownership header. */
    public String value() {
        return value;
    }

    public static Optional<ObjectOwnership> fromValue(String value) {
        for (ObjectOwnership o : values()) {
            if (o.value.equals(value)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
