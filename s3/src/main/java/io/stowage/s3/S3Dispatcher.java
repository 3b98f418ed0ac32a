package io.stowage.s3;

import io.stowage.engine.Engine;
import io.stowage.s3.access.AccessSettings;
import io.stowage.s3.access.PolicyCache;
import io.stowage.s3.handler.AclHandler;
import io.stowage.s3.handler.CorsHandler;
import io.stowage.s3.handler.EncryptionHandler;
import io.stowage.s3.handler.ObjectEncryption;
import io.stowage.s3.handler.PostObjectHandler;
import io.stowage.s3.access.Authorizer;
import io.stowage.s3.access.RequestFacts;
import io.stowage.s3.auth.SigV4Authenticator;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.InputStream;
import io.stowage.s3.handler.TaggingHandler;
import io.stowage.s3.handler.WebsiteHandler;
import io.stowage.s3.handler.AclRules;
import io.stowage.s3.handler.LegalHoldHandler;
import io.stowage.s3.handler.ObjectLockConfigurationHandler;
import io.stowage.s3.handler.ObjectLockRules;
import io.stowage.s3.handler.ObjectRetentionHandler;
import io.stowage.s3.handler.OwnershipControlsHandler;
import io.stowage.s3.handler.PolicyHandler;
import io.stowage.s3.handler.PublicAccessBlockHandler;
import io.stowage.s3.handler.BucketHandler;
import io.stowage.s3.handler.CompleteMultipartHandler;
import io.stowage.s3.handler.CopyObjectHandler;
import io.stowage.s3.handler.DeleteObjectHandler;
import io.stowage.s3.handler.ExpirationHeader;
import io.stowage.s3.handler.LifecycleHandler;
import io.stowage.s3.handler.ListingHandler;
import io.stowage.s3.handler.MultipartListingHandler;
import io.stowage.s3.handler.MultipartUploadHandler;
import io.stowage.s3.handler.ObjectReadHandler;
import io.stowage.s3.handler.PutObjectHandler;
import io.stowage.s3.handler.S3Request;
import io.stowage.s3.handler.UploadPartCopyHandler;
import io.stowage.s3.http.S3Response;
import io.stowage.s3.lifecycle.LifecycleCache;
import java.io.IOException;
import java.time.Clock;

/** Calls the handler of each operation. */
final class S3Dispatcher {

    private final BucketHandler buckets;
    private final ListingHandler listing;
    private final ObjectReadHandler reads;
    private final PutObjectHandler puts;
    private final PostObjectHandler posts;
    private final EncryptionHandler encryptionConfigs;
    private final CopyObjectHandler copies;
    private final DeleteObjectHandler deletes;
    private final AclHandler acls;
    private final PolicyHandler policies;
    private final OwnershipControlsHandler ownership;
    private final PublicAccessBlockHandler publicAccess;
    private final LifecycleHandler lifecycle;
    private final MultipartUploadHandler uploads;
    private final UploadPartCopyHandler partCopies;
    private final CompleteMultipartHandler completions;
    private final MultipartListingHandler uploadListing;
    private final CorsHandler cors;
    private final TaggingHandler tagging;
    private final WebsiteHandler website;
    private final ObjectLockConfigurationHandler lockConfigurations;
    private final ObjectRetentionHandler retentions;
    private final LegalHoldHandler legalHolds;

    S3Dispatcher(Engine engine, S3Config config, PolicyCache policies, AccessSettings settings, LifecycleCache lifecycles,
            ObjectEncryption encryption,
            Clock clock, SigV4Authenticator authenticator, Identities identities, Authorizer authorizer) {
        AclRules aclRules = new AclRules(engine, settings);
        ObjectLockRules lockRules = new ObjectLockRules(engine, clock);
        ExpirationHeader expiration = new ExpirationHeader(lifecycles);
        this.buckets = new BucketHandler(engine, aclRules, config, clock);
        this.listing = new ListingHandler(engine);
        this.reads = new ObjectReadHandler(engine, expiration, encryption);
        this.puts = new PutObjectHandler(engine, aclRules, lockRules, clock, expiration, encryption);
        this.posts = new PostObjectHandler(engine, puts, authenticator, identities, authorizer, clock);
        this.copies = new CopyObjectHandler(engine, aclRules, lockRules, encryption, expiration, clock);
        this.deletes = new DeleteObjectHandler(engine, clock);
        this.acls = new AclHandler(engine, settings, aclRules);
        this.policies = new PolicyHandler(engine, policies, settings);
        this.ownership = new OwnershipControlsHandler(engine, settings);
        this.publicAccess = new PublicAccessBlockHandler(engine);
        this.lifecycle = new LifecycleHandler(engine);
        this.uploads = new MultipartUploadHandler(engine, aclRules, lockRules, encryption, clock);
        this.partCopies = new UploadPartCopyHandler(engine, encryption, clock);
        this.encryptionConfigs = new EncryptionHandler(engine);
        this.completions = new CompleteMultipartHandler(engine, lockRules, expiration, clock);
        this.uploadListing = new MultipartListingHandler(engine);
        this.cors = new CorsHandler(engine);
        this.tagging = new TaggingHandler(engine);
        this.website = new WebsiteHandler(engine);
        this.lockConfigurations = new ObjectLockConfigurationHandler(engine, lockRules);
        this.retentions = new ObjectRetentionHandler(engine, lockRules, clock);
        this.legalHolds = new LegalHoldHandler(engine, lockRules);
    }

    /** GetObject and HeadObject, which a bucket's website serves too. */
    ObjectReadHandler reads() {
        return reads;
    }

    /** A browser form upload, which authenticates by its own signed policy rather than by the request's signature. */
    S3Response post(String requestId, String bucket, HttpHeaders headers, RequestFacts facts, InputStream body)
            throws IOException {
        return posts.post(requestId, bucket, headers, facts, body);
    }

    S3Response dispatch(S3Request request) throws IOException {
        return switch (request.route().operation()) {
            case LIST_BUCKETS -> buckets.listBuckets(request);
            case CREATE_BUCKET -> buckets.create(request);
            case HEAD_BUCKET -> buckets.head(request);
            case DELETE_BUCKET -> buckets.delete(request);
            case GET_BUCKET_LOCATION -> buckets.location(request);
            case GET_BUCKET_VERSIONING -> buckets.versioning(request);
            case PUT_BUCKET_VERSIONING -> buckets.putVersioning(request);
            case LIST_OBJECTS -> listing.listV1(request);
            case LIST_OBJECTS_V2 -> listing.listV2(request);
            case LIST_OBJECT_VERSIONS -> listing.listVersions(request);
            case DELETE_OBJECTS -> deletes.deleteObjects(request);
            case PUT_OBJECT -> puts.put(request);
            case COPY_OBJECT -> copies.copy(request);
            case GET_OBJECT -> reads.get(request);
            case HEAD_OBJECT -> reads.head(request);
            case DELETE_OBJECT -> deletes.delete(request);
            case GET_BUCKET_ACL, GET_OBJECT_ACL -> acls.get(request);
            case PUT_BUCKET_ACL, PUT_OBJECT_ACL -> acls.put(request);
            case CREATE_MULTIPART_UPLOAD -> uploads.create(request);
            case UPLOAD_PART -> uploads.uploadPart(request);
            case UPLOAD_PART_COPY -> partCopies.copyPart(request);
            case COMPLETE_MULTIPART_UPLOAD -> completions.complete(request);
            case ABORT_MULTIPART_UPLOAD -> uploads.abort(request);
            case LIST_MULTIPART_UPLOADS -> uploadListing.listUploads(request);
            case LIST_PARTS -> uploadListing.listParts(request);
            case GET_BUCKET_POLICY -> policies.get(request);
            case PUT_BUCKET_POLICY -> policies.put(request);
            case DELETE_BUCKET_POLICY -> policies.delete(request);
            case GET_BUCKET_POLICY_STATUS -> policies.status(request);
            case GET_BUCKET_OWNERSHIP_CONTROLS -> ownership.get(request);
            case PUT_BUCKET_OWNERSHIP_CONTROLS -> ownership.put(request);
            case DELETE_BUCKET_OWNERSHIP_CONTROLS -> ownership.delete(request);
            case GET_PUBLIC_ACCESS_BLOCK -> publicAccess.get(request);
            case PUT_PUBLIC_ACCESS_BLOCK -> publicAccess.put(request);
            case DELETE_PUBLIC_ACCESS_BLOCK -> publicAccess.delete(request);
            case GET_OBJECT_TAGGING -> tagging.getObject(request);
            case PUT_OBJECT_TAGGING -> tagging.putObject(request);
            case DELETE_OBJECT_TAGGING -> tagging.deleteObject(request);
            case GET_BUCKET_TAGGING -> tagging.getBucket(request);
            case PUT_BUCKET_TAGGING -> tagging.putBucket(request);
            case DELETE_BUCKET_TAGGING -> tagging.deleteBucket(request);
            case GET_BUCKET_WEBSITE -> website.get(request);
            case PUT_BUCKET_WEBSITE -> website.put(request);
            case DELETE_BUCKET_WEBSITE -> website.delete(request);
            case GET_BUCKET_ENCRYPTION -> encryptionConfigs.get(request);
            case PUT_BUCKET_ENCRYPTION -> encryptionConfigs.put(request);
            case DELETE_BUCKET_ENCRYPTION -> encryptionConfigs.delete(request);
            case GET_BUCKET_CORS -> cors.get(request);
            case PUT_BUCKET_CORS -> cors.put(request);
            case DELETE_BUCKET_CORS -> cors.delete(request);
            case GET_OBJECT_LOCK_CONFIGURATION -> lockConfigurations.get(request);
            case PUT_OBJECT_LOCK_CONFIGURATION -> lockConfigurations.put(request);
            case GET_OBJECT_RETENTION -> retentions.get(request);
            case PUT_OBJECT_RETENTION -> retentions.put(request);
            case GET_OBJECT_LEGAL_HOLD -> legalHolds.get(request);
            case PUT_OBJECT_LEGAL_HOLD -> legalHolds.put(request);
            case GET_BUCKET_LIFECYCLE_CONFIGURATION -> lifecycle.get(request);
            case PUT_BUCKET_LIFECYCLE_CONFIGURATION -> lifecycle.put(request);
            case DELETE_BUCKET_LIFECYCLE -> lifecycle.delete(request);
            case OPTIONS_OBJECT -> throw new IllegalStateException("preflights are answered before dispatch");
            case POST_OBJECT -> throw new IllegalStateException("form uploads authenticate by their policy, before dispatch");
        };
    }
}
