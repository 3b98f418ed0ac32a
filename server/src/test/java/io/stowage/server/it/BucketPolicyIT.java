package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket policies through the S3 API, with anonymous requests sent as plain HTTP (as a browser or curl would). */
@ExtendWith(StowageServerExtension.class)
class BucketPolicyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static int anonymous(URI endpoint, String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("PUT")
                ? HttpRequest.BodyPublishers.ofString("anonymous bytes") : HttpRequest.BodyPublishers.noBody();
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).method(method, body).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    @Test
    void aPublicReadPolicyOpensObjectsToAnonymousReadersAndNothingElse(S3Client s3, URI endpoint) throws Exception {
        String bucket = TestData.bucketName("public");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("site/index.html"), RequestBody.fromString("<h1>hi</h1>"));
        s3.putObject(b -> b.bucket(bucket).key("private/x"), RequestBody.fromString("secret"));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/site/index.html")).isEqualTo(403);

        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Sid":"PublicSite","Effect":"Allow","Principal":"*",
                 "Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/site/*"]}]}""".formatted(bucket)));

        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/site/index.html")).isEqualTo(200);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/private/x")).isEqualTo(403);
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "?list-type=2")).isEqualTo(403);
        assertThat(anonymous(endpoint, "PUT", "/" + bucket + "/site/defaced.html")).isEqualTo(403);
        assertThat(anonymous(endpoint, "DELETE", "/" + bucket + "/site/index.html")).isEqualTo(403);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();

        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/site/index.html")).isEqualTo(403);
        assertThat(errorCode(() -> s3.getBucketPolicy(b -> b.bucket(bucket)))).isEqualTo("NoSuchBucketPolicy");
    }

    @Test
    void aPolicyLimitedToASourceAddressIsNotPublicAndAppliesTheCondition(S3Client s3, URI endpoint) throws Exception {
        String bucket = TestData.bucketName("by-ip");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*","Condition":{"IpAddress":{"aws:SourceIp":"%s"}}}]}""";

        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy.formatted(bucket, "10.0.0.0/24")));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k")).isEqualTo(403);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isFalse();

        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy.formatted(bucket, "127.0.0.1/32")));
        assertThat(anonymous(endpoint, "GET", "/" + bucket + "/k")).isEqualTo(200);
    }

    @Test
    void anExplicitDenyBeatsOwnershipAndGrantsButNotTheAdmin(S3Client root, URI endpoint, StowageServerExtension server) {
        String bucket = TestData.bucketName("deny");
        AdminCalls admin = new AdminCalls(server.adminEndpoint(), StowageServerExtension.ADMIN_TOKEN);
        admin.user("denied-owner", "DENIEDOWNERKEY", "denied-owner-secret");
        admin.bucket(bucket, "denied-owner");
        try (S3Client owner = S3Client.builder().endpointOverride(endpoint).region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("DENIEDOWNERKEY", "denied-owner-secret")))
                .forcePathStyle(true).httpClientBuilder(Apache5HttpClient.builder()).build()) {
            owner.putObject(b -> b.bucket(bucket).key("logs/a"), RequestBody.fromString("a"));
            owner.putBucketPolicy(b -> b.bucket(bucket).policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"denied-owner"},
                     "Action":"s3:DeleteObject","Resource":"arn:aws:s3:::%s/logs/*"}]}""".formatted(bucket)));

            assertThat(errorCode(() -> owner.deleteObject(b -> b.bucket(bucket).key("logs/a")))).isEqualTo("AccessDenied");
            assertThat(errorCode(() -> owner.putObject(b -> b.bucket(bucket).key("logs/b"), RequestBody.fromString("b"))))
                    .isEqualTo("ok");
            assertThat(errorCode(() -> root.deleteObject(b -> b.bucket(bucket).key("logs/a")))).isEqualTo("ok");
        }
    }

    @Test
    void aMalformedPolicyIsRefusedWithWhatIsWrong(S3Client s3) {
        String bucket = TestData.bucketName("malformed");
        s3.createBucket(b -> b.bucket(bucket));

        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Effect");
                });
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::some-other-bucket/*"}]}""")))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy"));
    }
}
