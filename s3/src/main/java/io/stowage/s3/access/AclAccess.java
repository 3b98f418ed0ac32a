package io.stowage.s3.access;

import io.stowage.engine.Engine;
import io.stowage.engine.error.NoSuchKeyException;
import io.stowage.engine.error.NoSuchVersionException;
import io.stowage.engine.model.Bucket;
import io.stowage.engine.model.ObjectVersion;
import io.stowage.s3.acl.ObjectOwnership;
import io.stowage.s3.acl.Permission;
import io.stowage.s3.router.S3Operation;

/**
 * What bucket and object ACLs give a caller, by S3's mapping of ACL permissions to operations. On
 * a bucket, READ lists it, WRITE writes and deletes its objects (multipart uploads included), and
 * READ_ACP and WRITE_ACP read and write its ACL; on an object, READ reads it and READ_ACP and
 * WRITE_ACP its ACL. An object's owner may always read and write the object's ACL. No ACL gives
 * the object lock operations (retention, legal hold), as in S3. Under BucketOwnerEnforced ACLs
 * give nothing; under IgnorePublicAcls grants to groups give nothing.
 */
final class AclAccess {

    /** The permission an operation needs, on the bucket's ACL or on the object's. */
    private record Need(boolean onObject, Permission permission) {
    }

    private final Engine engine;
    private final AccessSettings settings;

    AclAccess(Engine engine, AccessSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    boolean allows(Caller caller, S3Operation op, Bucket bucket, String key, String versionId) {
        Need need = need(op);
        if (need == null) {
            return false;
        }
        ObjectOwnership ownership = settings.ownership(bucket.name());
        if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
            return false;
        }
        boolean ignorePublic = settings.publicAccessBlock(bucket.name()).ignorePublicAcls();
        String user = caller.anonymous() ? null : caller.user();
        if (!need.onObject()) {
            return settings.bucketAcl(bucket).allows(need.permission(), user, ignorePublic);
        }
        ObjectVersion version = existing(bucket.name(), key, versionId);
        if (version == null) {
            // who may list the bucket may learn that the object is not there: the handler answers 404
            return settings.bucketAcl(bucket).allows(Permission.READ, user, ignorePublic);
        }
        boolean aboutAcl = need.permission() == Permission.READ_ACP || need.permission() == Permission.WRITE_ACP;
        if (aboutAcl && version.owner().equals(user)) {
            return true;
        }
        return AccessSettings.objectAcl(version, bucket, ownership).allows(need.permission(), user, ignorePublic);
    }

    private ObjectVersion existing(String bucket, String key, String versionId) {
        try {
            ObjectVersion version = engine.object(bucket, key, versionId);
            return version.deleteMarker() ? null : version;
        } catch (NoSuchKeyException | NoSuchVersionException e) {
            return null;
        }
    }

    private static Need need(S3Operation op) {
        return switch (op) {
            case HEAD_BUCKET, LIST_OBJECTS, LIST_OBJECTS_V2, LIST_OBJECT_VERSIONS, LIST_MULTIPART_UPLOADS ->
                    new Need(false, Permission.READ);
            case PUT_OBJECT, COPY_OBJECT, POST_OBJECT, DELETE_OBJECT, DELETE_OBJECTS, CREATE_MULTIPART_UPLOAD, UPLOAD_PART, UPLOAD_PART_COPY,
                    COMPLETE_MULTIPART_UPLOAD, ABORT_MULTIPART_UPLOAD, LIST_PARTS -> new Need(false, Permission.WRITE);
            case GET_BUCKET_ACL -> new Need(false, Permission.READ_ACP);
            case PUT_BUCKET_ACL -> new Need(false, Permission.WRITE_ACP);
            case GET_OBJECT, HEAD_OBJECT -> new Need(true, Permission.READ);
            case GET_OBJECT_ACL -> new Need(true, Permission.READ_ACP);
            case PUT_OBJECT_ACL -> new Need(true, Permission.WRITE_ACP);
            case LIST_BUCKETS, CREATE_BUCKET, DELETE_BUCKET, GET_BUCKET_LOCATION, GET_BUCKET_VERSIONING, PUT_BUCKET_VERSIONING, GET_BUCKET_POLICY,
                    PUT_BUCKET_POLICY, DELETE_BUCKET_POLICY, GET_BUCKET_POLICY_STATUS, GET_BUCKET_OWNERSHIP_CONTROLS,
                    PUT_BUCKET_OWNERSHIP_CONTROLS, DELETE_BUCKET_OWNERSHIP_CONTROLS, GET_PUBLIC_ACCESS_BLOCK,
                    PUT_PUBLIC_ACCESS_BLOCK, DELETE_PUBLIC_ACCESS_BLOCK, GET_BUCKET_ENCRYPTION, PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION, GET_BUCKET_WEBSITE,
                    PUT_BUCKET_WEBSITE,
                    DELETE_BUCKET_WEBSITE, GET_BUCKET_CORS, PUT_BUCKET_CORS, DELETE_BUCKET_CORS, GET_OBJECT_TAGGING,
                    PUT_OBJECT_TAGGING, DELETE_OBJECT_TAGGING, GET_BUCKET_TAGGING, PUT_BUCKET_TAGGING, DELETE_BUCKET_TAGGING,
                    OPTIONS_OBJECT, GET_OBJECT_LOCK_CONFIGURATION, PUT_OBJECT_LOCK_CONFIGURATION, GET_OBJECT_RETENTION,
                    PUT_OBJECT_RETENTION, GET_OBJECT_LEGAL_HOLD, PUT_OBJECT_LEGAL_HOLD,
                    GET_BUCKET_LIFECYCLE_CONFIGURATION, PUT_BUCKET_LIFECYCLE_CONFIGURATION, DELETE_BUCKET_LIFECYCLE -> null;
        };
    }
}
