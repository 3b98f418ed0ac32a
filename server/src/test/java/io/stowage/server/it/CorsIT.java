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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket CORS rules through the AWS SDK v2, and the preflight and response headers a browser sees (raw HTTP). */
@ExtendWith(StowageServerExtension.class)
class CorsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String APP = "https://app.example.com";

    @Test
    void corsRulesRoundTripAndDeleteLeavesNone(S3Client s3) {
        String bucket = corsBucket(s3);
        GetBucketCorsResponse cors = s3.getBucketCors(b -> b.bucket(bucket));
        assertThat(cors.corsRules()).singleElement().satisfies(rule -> {
            assertThat(rule.allowedOrigins()).containsExactly(APP, "https://*.example.org");
            assertThat(rule.allowedMethods()).containsExactly("GET", "PUT");
            assertThat(rule.allowedHeaders()).containsExactly("*");
            assertThat(rule.exposeHeaders()).containsExactly("ETag", "x-amz-version-id");
            assertThat(rule.maxAgeSeconds()).isEqualTo(300);
        });

        s3.deleteBucketCors(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.getBucketCors(b -> b.bucket(bucket))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration");
        });
    }

    @Test
    void invalidRulesAreRefusedAsS3Does(S3Client s3) {
        String bucket = TestData.bucketName("cors-bad");
        s3.createBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("PATCH");
                });
        assertThatThrownBy(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("https://*.*.example.com").allowedMethods("GET").build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));
    }

    @Test
    void aPreflightIsAnsweredFromTheRulesWithoutASignature(S3Client s3, URI endpoint) throws Exception {
        String bucket = corsBucket(s3);
        HttpResponse<String> allowed = preflight(endpoint, bucket, APP, "PUT", "content-type, x-amz-date");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(allowed.headers().firstValue("access-control-allow-methods")).hasValue("GET, PUT");
        assertThat(allowed.headers().firstValue("access-control-allow-headers")).hasValue("content-type, x-amz-date");
        assertThat(allowed.headers().firstValue("access-control-max-age")).hasValue("300");
        assertThat(allowed.headers().firstValue("access-control-expose-headers")).hasValue("ETag, x-amz-version-id");
        assertThat(allowed.headers().firstValue("vary")).get().asString().contains("Origin");

        assertThat(preflight(endpoint, bucket, "https://shop.example.org", "GET", null).statusCode()).isEqualTo(200);
        HttpResponse<String> otherOrigin = preflight(endpoint, bucket, "https://evil.test", "GET", null);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains("<Code>AccessForbidden</Code>");
        assertThat(otherOrigin.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(preflight(endpoint, bucket, APP, "DELETE", null).statusCode()).isEqualTo(403);
        assertThat(preflight(endpoint, bucket, null, "GET", null).statusCode()).isEqualTo(400);
        assertThat(preflight(endpoint, bucket, APP, null, null).statusCode()).isEqualTo(400);

        String plain = TestData.bucketName("cors-none");
        s3.createBucket(b -> b.bucket(plain));
        HttpResponse<String> disabled = preflight(endpoint, plain, APP, "GET", null);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).contains("CORS is not enabled for this bucket");
    }

    @Test
    void actualResponsesCarryTheCorsHeadersOfTheMatchingRuleErrorsIncluded(S3Client s3, URI endpoint) throws Exception {
        String bucket = corsBucket(s3);
        s3.putObject(b -> b.bucket(bucket).key("public.txt"), RequestBody.fromString("x"));

        HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/public.txt"))
                .header("Origin", APP).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).as("an unsigned GET of a private object").isEqualTo(403);
        assertThat(denied.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(denied.headers().firstValue("access-control-expose-headers")).hasValue("ETag, x-amz-version-id");

        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/public.txt"))
                .header("Origin", "https://evil.test").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    private static String corsBucket(S3Client s3) {
        String bucket = TestData.bucketName("cors");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins(APP, "https://*.example.org").allowedMethods("GET", "PUT").allowedHeaders("*")
                .exposeHeaders("ETag", "x-amz-version-id").maxAgeSeconds(300).build())));
        return bucket;
    }

    private static HttpResponse<String> preflight(URI endpoint, String bucket, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/" + bucket + "/some/key"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (method != null) {
            request.header("Access-Control-Request-Method", method);
        }
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
