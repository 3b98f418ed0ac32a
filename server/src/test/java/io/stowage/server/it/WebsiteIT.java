package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.s3.S3Config;
import io.stowage.server.ServerConfig;
import io.stowage.server.StowageServer;
import io.stowage.server.lifecycle.LifecycleSettings;
import io.stowage.server.tls.TlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.WebsiteConfiguration;

/**
 * Static websites on a server started with --website-domain: the configuration through the AWS SDK v2, and what a
 * browser gets from bucket.DOMAIN (index documents, directory redirects, routing rules, the error document, HTML
 * errors, anonymous reads only where the bucket policy allows them). Names under the domain do not resolve here, so
 * requests go to 127.0.0.1 with the website host in the Host header.
 */
class WebsiteIT {

    private static final String WEBSITE_DOMAIN = "web.stowage.test";
    private static StowageServer server;
    private static URI endpoint;
    private static S3Client s3;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        server = StowageServer.start(new ServerConfig(new InetSocketAddress("127.0.0.1", 0), data,
                new S3Config("us-east-1", null, WEBSITE_DOMAIN), 32 * 1024, ServerConfig.DEFAULT_MULTIPART_EXPIRY,
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, new InetSocketAddress("127.0.0.1", 0),
                StowageServerExtension.ADMIN_TOKEN, ServerConfig.DEFAULT_SHUTDOWN_GRACE, TlsConfig.off(),
                StowageServerExtension.METRICS, LifecycleSettings.DEFAULT));
        endpoint = URI.create("http://127.0.0.1:" + server.address().getPort());
        s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY))).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aPublicSiteServesIndexDocumentsRedirectsAndItsErrorDocument() throws Exception {
        String bucket = site("site", true);
        put(bucket, "index.html", "<h1>home</h1>");
        put(bucket, "docs/index.html", "<h1>docs</h1>");
        put(bucket, "docs/page.html", "<p>page</p>");
        put(bucket, "404.html", "<p>not here</p>");

        assertThat(get(bucket, "/").text()).isEqualTo("<h1>home</h1>");
        assertThat(get(bucket, "/docs/").text()).isEqualTo("<h1>docs</h1>");
        assertThat(get(bucket, "/docs/page.html").text()).isEqualTo("<p>page</p>");
        RawHttp.Response directory = get(bucket, "/docs");
        assertThat(directory.status()).isEqualTo(302);
        assertThat(directory.header("location")).isEqualTo("/docs/");

        RawHttp.Response missing = get(bucket, "/nope.html");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("<p>not here</p>");

        RawHttp.Response old = get(bucket, "/old/guide.html");
        assertThat(old.status()).isEqualTo(301);
        assertThat(old.header("location")).isEqualTo("https://docs.example.com/guide.html");
        RawHttp.Response gone = get(bucket, "/archive/x.html");
        assertThat(gone.status()).as("a rule on the 404 the key would get").isEqualTo(302);
        assertThat(gone.header("location")).endsWith("/index.html");

        RawHttp.Response head = RawHttp.send(endpoint, "HEAD", "/index.html", Map.of("Host", host(bucket)), new byte[0]);
        assertThat(head.status()).isEqualTo(200);
        assertThat(RawHttp.send(endpoint, "PUT", "/index.html", Map.of("Host", host(bucket)), "x".getBytes()).status())
                .isEqualTo(405);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("index.html")).asUtf8String()).isEqualTo("<h1>home</h1>");
    }

    @Test
    void aPrivateBucketsSiteAnswersForbiddenAsAnHtmlPage() throws Exception {
        String bucket = site("private-site", false);
        put(bucket, "index.html", "<h1>secret</h1>");
        RawHttp.Response denied = get(bucket, "/");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("content-type")).startsWith("text/html");
        assertThat(denied.text()).contains("AccessDenied").doesNotContain("secret");
    }

    @Test
    void aBucketWithoutAWebsiteConfigurationIsNotASite() throws Exception {
        String bucket = TestData.bucketName("no-site");
        s3.createBucket(b -> b.bucket(bucket));
        RawHttp.Response response = get(bucket, "/");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).contains("NoSuchWebsiteConfiguration");
        assertThat(get("no-such-bucket-at-all", "/").text()).contains("NoSuchBucket");
        assertThatThrownBy(() -> s3.getBucketWebsite(b -> b.bucket(bucket))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchWebsiteConfiguration");
        });
    }

    @Test
    void redirectAllRequestsSendsEveryPathElsewhere() throws Exception {
        String bucket = TestData.bucketName("moved");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.redirectAllRequestsTo(
                r -> r.hostName("new.example.com").protocol("https"))));
        RawHttp.Response moved = get(bucket, "/a/b.html");
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("location")).isEqualTo("https://new.example.com/a/b.html");
        assertThat(s3.getBucketWebsite(b -> b.bucket(bucket)).redirectAllRequestsTo().hostName()).isEqualTo("new.example.com");
    }

    @Test
    void invalidConfigurationsAreRefusedAndDeleteRemovesTheSite() throws Exception {
        String bucket = site("validate", true);
        assertInvalid(WebsiteConfiguration.builder().errorDocument(e -> e.key("e.html")).build());
        assertInvalid(WebsiteConfiguration.builder().indexDocument(i -> i.suffix("a/index.html")).build());
        assertInvalid(WebsiteConfiguration.builder().indexDocument(i -> i.suffix("index.html"))
                .redirectAllRequestsTo(r -> r.hostName("x.example.com")).build(), bucket);
        assertInvalid(WebsiteConfiguration.builder().indexDocument(i -> i.suffix("index.html")).routingRules(RoutingRule.builder()
                .condition(c -> c.httpErrorCodeReturnedEquals("200")).redirect(r -> r.hostName("x")).build()).build());

        s3.deleteBucketWebsite(b -> b.bucket(bucket));
        assertThat(get(bucket, "/").text()).contains("NoSuchWebsiteConfiguration");
    }

    private static void assertInvalid(WebsiteConfiguration configuration) {
        String bucket = TestData.bucketName("invalid-site");
        s3.createBucket(b -> b.bucket(bucket));
        assertInvalid(configuration, bucket);
    }

    private static void assertInvalid(WebsiteConfiguration configuration, String bucket) {
        assertThatThrownBy(() -> s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(configuration)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
    }

    /** A bucket with a website configuration and, when public, a policy letting anyone read it. */
    private static String site(String prefix, boolean publicRead) {
        String bucket = TestData.bucketName(prefix);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("404.html"))
                .routingRules(
                        RoutingRule.builder().condition(c -> c.keyPrefixEquals("old/"))
                                .redirect(r -> r.protocol("https").hostName("docs.example.com").replaceKeyPrefixWith("")).build(),
                        RoutingRule.builder().condition(c -> c.keyPrefixEquals("archive/").httpErrorCodeReturnedEquals("404"))
                                .redirect(r -> r.replaceKeyWith("index.html").httpRedirectCode("302")).build())));
        assertThat(s3.getBucketWebsite(b -> b.bucket(bucket)).indexDocument().suffix()).isEqualTo("index.html");
        if (publicRead) {
            s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket)));
        }
        return bucket;
    }

    private static void put(String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/html"), RequestBody.fromString(content));
    }

    private static RawHttp.Response get(String bucket, String path) throws Exception {
        return RawHttp.send(endpoint, "GET", path, Map.of("Host", host(bucket)), new byte[0]);
    }

    private static String host(String bucket) {
        return bucket + "." + WEBSITE_DOMAIN + ":" + endpoint.getPort();
    }
}
