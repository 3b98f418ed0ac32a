package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Canned and explicit ACLs, ownership controls and Block Public Access through the AWS SDK, with
 * anonymous requests sent unsigned by a plain HTTP client.
 */
@ExtendWith(StowageServerExtension.class)
class AclIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String PUBLIC_READ_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/*"}]}""";

    @Test
    void aPublicReadObjectIsReadableAnonymouslyAndNotWritable(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "public-read");
        s3.putObject(b -> b.bucket(bucket).key("public").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hello"));
        s3.putObject(b -> b.bucket(bucket).key("private"), RequestBody.fromString("secret"));

        HttpResponse<String> read = anonymous(endpoint, "GET", "/" + bucket + "/public", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("hello");
        assertThat(anonymous(endpoint, "HEAD", "/" + bucket + "/public", null).statusCode()).isEqualTo(200);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/private", null).statusCode()).isEqualTo(403);
        assertThat(anonymous(endpoint, "PUT", "/" + bucket + "/public", "overwritten").statusCode()).isEqualTo(403);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/public?acl", null).statusCode()).isEqualTo(403);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "?list-type=2", null).statusCode()).isEqualTo(403);

        GetObjectAclResponse acl = s3.getObjectAcl(b -> b.bucket(bucket).key("public"));
        assertThat(acl.owner().id()).isEqualTo("root");
        assertThat(acl.grants()).containsExactly(
                Grant.builder().grantee(user("root")).permission(Permission.FULL_CONTROL).build(),
                Grant.builder().grantee(allUsers()).permission(Permission.READ).build());
    }

    @Test
    void aPublicReadWriteBucketTakesAnonymousWrites(S3Client s3, URI endpoint) throws Exception {
        String bucket = TestData.bucketName("public-rw");
        s3.createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));

        assertThat(s3.getBucketAcl(b -> b.bucket(bucket)).grants()).extracting(Grant::permission)
                .containsExactly(Permission.FULL_CONTROL, Permission.READ, Permission.WRITE);
        assertThat(anonymous(endpoint, "PUT", "/" + bucket + "/dropped", "anonymous bytes").statusCode()).isEqualTo(200);
        HttpResponse<String> listing = anonymous(endpoint, "GET", "/" + bucket + "?list-type=2", null);
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("<Key>dropped</Key>");
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("dropped")).owner().id()).isEqualTo("anonymous");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dropped")).asUtf8String()).isEqualTo("anonymous bytes");
        assertThat(anonymous(endpoint, "DELETE", "/" + bucket + "/dropped", null).statusCode()).isEqualTo(204);
        assertThat(anonymous(endpoint, "DELETE", "/" + bucket, null).statusCode()).isEqualTo(403);
        assertThat(anonymous(endpoint, "PUT", "/" + bucket + "?acl", "").statusCode()).isEqualTo(403);
    }

    @Test
    void authenticatedReadRefusesAnonymousCallers(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "auth-read");
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ), RequestBody.fromString("x"));

        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants()).extracting(g -> g.grantee().uri())
                .containsExactly(null, "http://acs.amazonaws.com/groups/global/AuthenticatedUsers");
    }

    @Test
    void grantHeadersSetExplicitGrants(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "grants");
        s3.putObject(b -> b.bucket(bucket).key("k").grantRead("uri=\"" + ALL_USERS + "\"").grantFullControl("id=\"root\""),
                RequestBody.fromString("x"));

        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants()).containsExactly(
                Grant.builder().grantee(user("root")).permission(Permission.FULL_CONTROL).build(),
                Grant.builder().grantee(allUsers()).permission(Permission.READ).build());

        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("both").acl(ObjectCannedACL.PUBLIC_READ).grantRead("id=\"root\""),
                RequestBody.fromString("x")), 400, "InvalidRequest");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("nobody").grantRead("id=\"nobody\""), RequestBody.fromString("x")),
                400, "InvalidArgument");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("mail").grantRead("emailAddress=\"a@example.com\""),
                RequestBody.fromString("x")), 400, "UnresolvableGrantByEmailAddress");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("exec").acl(ObjectCannedACL.AWS_EXEC_READ), RequestBody.fromString("x")),
                501, "NotImplemented");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("both"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void multipartUploadsAndCopiesTakeTheirAclFromTheRequest(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "mp-copy");
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").acl(ObjectCannedACL.PUBLIC_READ)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1), RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/mp", null).body()).isEqualTo("part");

        s3.putObject(b -> b.bucket(bucket).key("private"), RequestBody.fromString("p"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("private").destinationBucket(bucket).destinationKey("copy-public")
                .acl(ObjectCannedACL.PUBLIC_READ));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("copy-plain"));

        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/copy-public", null).statusCode()).isEqualTo(200);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/copy-plain", null).statusCode()).isEqualTo(403);
    }

    @Test
    void setAclPublicAndPrivateAsS3cmdDoesIt(S3Client s3, URI endpoint) throws Exception {
        // s3cmd setacl --acl-public reads the ACL, adds AllUsers READ and puts the whole policy back; --acl-private removes it
        String bucket = bucket(s3, "setacl");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        GetObjectAclResponse current = s3.getObjectAcl(b -> b.bucket(bucket).key("k"));
        List<Grant> grants = new ArrayList<>(current.grants());
        grants.add(Grant.builder().grantee(allUsers()).permission(Permission.READ).build());

        s3.putObjectAcl(b -> b.bucket(bucket).key("k").accessControlPolicy(p -> p.owner(current.owner()).grants(grants)));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);

        s3.putObjectAcl(b -> b.bucket(bucket).key("k").accessControlPolicy(p -> p.owner(current.owner()).grants(current.grants())));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);

        var bucketAcl = s3.getBucketAcl(b -> b.bucket(bucket));
        List<Grant> bucketGrants = new ArrayList<>(bucketAcl.grants());
        bucketGrants.add(Grant.builder().grantee(allUsers()).permission(Permission.READ).build());
        s3.putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p.owner(bucketAcl.owner()).grants(bucketGrants)));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "?list-type=2", null).statusCode()).isEqualTo(200);

        assertError(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .accessControlPolicy(p -> p.owner(o -> o.id("someone-else")).grants(current.grants()))), 403, "AccessDenied");
    }

    @Test
    void bucketOwnerEnforcedRefusesAcls(S3Client s3, URI endpoint) throws Exception {
        String bucket = TestData.bucketName("enforced");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules())
                .singleElement().satisfies(r -> assertThat(r.objectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED));

        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")),
                400, "AccessControlListNotSupported");
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("x"));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        assertError(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), 400, "AccessControlListNotSupported");
        assertError(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ)), 400,
                "AccessControlListNotSupported");
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants()).containsExactly(
                Grant.builder().grantee(user("root")).permission(Permission.FULL_CONTROL).build());
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);

        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)), 404, "OwnershipControlsNotFoundError");
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertError(() -> s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build()))),
                400, "InvalidBucketAclWithObjectOwnership");
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.OBJECT_WRITER).build())));
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);

        assertError(() -> s3.createBucket(b -> b.bucket(TestData.bucketName("enforced-public"))
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).acl(BucketCannedACL.PUBLIC_READ)),
                400, "InvalidBucketAclWithObjectOwnership");
    }

    @Test
    void blockPublicAclsAndIgnorePublicAcls(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "pab-acls");
        assertError(() -> s3.getPublicAccessBlock(b -> b.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
        assertThat(s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration().blockPublicAcls()).isTrue();
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("k2").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")),
                403, "AccessDenied");
        assertError(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ)), 403, "AccessDenied");
        assertError(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), 403, "AccessDenied");
        s3.putObject(b -> b.bucket(bucket).key("k3").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("x"));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);

        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);
    }

    @Test
    void blockPublicPolicyAndRestrictPublicBuckets(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3, "pab-policy");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        String policy = PUBLIC_READ_POLICY.formatted(bucket);

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
        assertError(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy)), 403, "AccessDenied");

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(false)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(200);

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k", null).statusCode()).isEqualTo(403);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();
    }

    private static String bucket(S3Client s3, String prefix) {
        String bucket = TestData.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static Grantee user(String name) {
        return Grantee.builder().type(Type.CANONICAL_USER).id(name).displayName(name).build();
    }

    private static Grantee allUsers() {
        return Grantee.builder().type(Type.GROUP).uri(ALL_USERS).build();
    }

    /** An unsigned request, as a browser or curl sends it. */
    static HttpResponse<String> anonymous(URI endpoint, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
