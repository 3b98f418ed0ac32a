package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Browser POST uploads (POST Object with a SigV4-signed policy), as an HTML form sends them: built here field by field,
 * and by boto3's generate_presigned_post (Debian's python3-boto3, as a Python web app would hand out a form).
 */
@ExtendWith(StowageServerExtension.class)
class PostObjectIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String BOUNDARY = "----StowageFormBoundary4f8a";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void aSignedFormUploadsItsFileWithMetadataAndAnswersAsAsked(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "uploads/${filename}");
        fields.put("Content-Type", "image/png");
        fields.put("x-amz-meta-origin", "form");
        fields.put("success_action_status", "201");
        String policy = """
                {"expiration": "%s", "conditions": [{"bucket": "%s"}, ["starts-with", "$key", "uploads/"],
                 ["starts-with", "$Content-Type", "image/"], {"x-amz-meta-origin": "form"},
                 {"success_action_status": "201"}, ["content-length-range", 1, 1048576]%s]}""";
        HttpResponse<String> created = post(endpoint, bucket, signed(fields, policy, bucket, Duration.ofMinutes(5)),
                "cat.png", "pixels".getBytes(StandardCharsets.UTF_8));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("<Key>uploads/cat.png</Key>").contains("<Bucket>" + bucket + "</Bucket>");
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/cat.png"));
        assertThat(stored.asUtf8String()).isEqualTo("pixels");
        assertThat(stored.response().contentType()).isEqualTo("image/png");
        assertThat(stored.response().metadata()).containsEntry("origin", "form");
        assertThat(created.headers().firstValue("etag")).hasValue(stored.response().eTag());
    }

    @Test
    void aRedirectGoesBackToTheAppWithTheObjectsKeyAndEtag(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "a b.txt");
        fields.put("success_action_redirect", "https://app.example.com/done?from=form");
        String policy = """
                {"expiration": "%s", "conditions": [{"bucket": "%s"}, {"key": "a b.txt"},
                 ["starts-with", "$success_action_redirect", "https://app.example.com/"]%s]}""";
        HttpResponse<String> redirected = post(endpoint, bucket, signed(fields, policy, bucket, Duration.ofMinutes(5)),
                "x.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(redirected.statusCode()).isEqualTo(303);
        assertThat(redirected.headers().firstValue("location")).get().asString()
                .startsWith("https://app.example.com/done?from=form&bucket=" + bucket + "&key=a%20b.txt&etag=");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a b.txt")).asUtf8String()).isEqualTo("hello");
    }

    @Test
    void formsThePolicyRefusesStoreNothing(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3);
        String policy = """
                {"expiration": "%s", "conditions": [{"bucket": "%s"}, ["starts-with", "$key", "in/"],
                 ["content-length-range", 1, 10]%s]}""";
        Map<String, String> fields = Map.of("key", "in/file");

        assertError(post(endpoint, bucket, signed(fields, policy, bucket, Duration.ofSeconds(-1)), "f", bytes(5)),
                403, "AccessDenied", "Policy expired");
        assertError(post(endpoint, bucket, signed(Map.of("key", "out/file"), policy, bucket, Duration.ofMinutes(5)), "f",
                bytes(5)), 403, "AccessDenied", "Policy Condition failed");
        Map<String, String> extra = new LinkedHashMap<>(fields);
        extra.put("x-amz-meta-sneaky", "1");
        assertError(post(endpoint, bucket, signed(extra, policy, bucket, Duration.ofMinutes(5)), "f", bytes(5)),
                403, "AccessDenied", "Extra input fields: x-amz-meta-sneaky");
        assertError(post(endpoint, bucket, signed(fields, policy, bucket, Duration.ofMinutes(5)), "f", bytes(11)),
                400, "EntityTooLarge", null);
        Map<String, String> tampered = new LinkedHashMap<>(signed(fields, policy, bucket, Duration.ofMinutes(5)));
        tampered.put("x-amz-signature", "0".repeat(64));
        assertError(post(endpoint, bucket, tampered, "f", bytes(5)), 403, "SignatureDoesNotMatch", null);
        String otherBucket = bucket(s3);
        assertError(post(endpoint, otherBucket, signed(fields, policy, bucket, Duration.ofMinutes(5)), "f", bytes(5)),
                403, "AccessDenied", "Policy Condition failed");

        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("in/file"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void unsignedOrMalformedFormsAreRefused(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3);
        assertError(post(endpoint, bucket, Map.of("key", "anonymous"), "f", bytes(3)), 403, "AccessDenied", null);
        assertError(post(endpoint, bucket, Map.of(), "f", bytes(3)), 400, "InvalidArgument", "field named &apos;key&apos;");
        HttpResponse<String> notAForm = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notAForm.statusCode()).isEqualTo(412);
        HttpResponse<String> noFile = send(endpoint, bucket, formBody(Map.of("key", "k"), null, null));
        assertError(noFile, 400, "InvalidArgument", "exactly one file");
    }

    @Test
    void boto3sPresignedPostUploads(S3Client s3, URI endpoint) throws Exception {
        String bucket = bucket(s3);
        Path script = Path.of(PostObjectIT.class.getResource("/post/boto3_post.py").toURI());
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), endpoint.toString(),
                StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY, StowageServerExtension.REGION,
                bucket, "from-boto3.txt", "posted by boto3", "1024")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("from-boto3.txt")).asUtf8String()).isEqualTo("posted by boto3");
    }

    private static String bucket(S3Client s3) {
        String bucket = TestData.bucketName("post");
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The fields with a policy (the template gets expiration, bucket and the signature conditions) and its signature. */
    private static Map<String, String> signed(Map<String, String> fields, String template, String bucket, Duration valid)
            throws Exception {
        Instant now = Instant.now();
        String date = AMZ_DATE.format(now);
        String credential = StowageServerExtension.ACCESS_KEY + "/" + date.substring(0, 8) + "/"
                + StowageServerExtension.REGION + "/s3/aws4_request";
        String signatureConditions = ", {\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}, {\"x-amz-credential\": \""
                + credential + "\"}, {\"x-amz-date\": \"" + date + "\"}";
        String policy = template.formatted(now.plus(valid).toString(), bucket, signatureConditions);
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] key = ("AWS4" + StowageServerExtension.SECRET_KEY).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(date.substring(0, 8), StowageServerExtension.REGION, "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        all.put("x-amz-credential", credential);
        all.put("x-amz-date", date);
        all.put("policy", encoded);
        all.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, encoded)));
        return all;
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(URI endpoint, String bucket, Map<String, String> fields, String filename,
            byte[] file) throws Exception {
        return send(endpoint, bucket, formBody(fields, filename, file));
    }

    private static HttpResponse<String> send(URI endpoint, String bucket, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] formBody(Map<String, String> fields, String filename, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>");
        if (messagePart != null) {
            assertThat(response.body()).contains(messagePart);
        }
    }
}
