package io.stowage.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Who may do what, with a real client (the AWS SDK) for every principal, checked against one
 * readable table. Bucket {@code alpha} belongs to the user {@code owner}, bucket {@code beta} to
 * the user {@code other}. The keys of the user {@code apps} are scoped: {@code ro}, {@code rw}
 * and {@code wo} to alpha (read, read-write, write), {@code beta-rw} to beta, and {@code disabled}
 * was a read-write key to alpha until it was disabled. {@code anon} signs nothing; no bucket has
 * a policy here (policies have their own tests).
 */
@ExtendWith(StowageServerExtension.class)
class AccessMatrixIT {

    /*
     * Cells: ok = the call succeeded; AD = AccessDenied; IAK = InvalidAccessKeyId (the key does not
     * authenticate); 403 = refused on a HEAD request, which carries no error code. For list-buckets,
     * the cell is the set of buckets the caller sees (a+b = alpha and beta).
     */
    private static final String EXPECTED = """
            operation      | bucket | root | owner | ro  | rw  | wo  | beta-rw | disabled | anon
            list-buckets   | -      | a+b  | a     | a   | a   | a   | b       | IAK      | AD
            list-objects   | alpha  | ok   | ok    | ok  | ok  | AD  | AD      | IAK      | AD
            list-objects   | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            get            | alpha  | ok   | ok    | ok  | ok  | AD  | AD      | IAK      | AD
            get            | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            head           | alpha  | ok   | ok    | ok  | ok  | 403 | 403     | 403      | 403
            head           | beta   | ok   | 403   | 403 | 403 | 403 | ok      | 403      | 403
            put            | alpha  | ok   | ok    | AD  | ok  | ok  | AD      | IAK      | AD
            put            | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            delete         | alpha  | ok   | ok    | AD  | ok  | ok  | AD      | IAK      | AD
            delete         | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            multipart      | alpha  | ok   | ok    | AD  | ok  | ok  | AD      | IAK      | AD
            multipart      | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            copy-within    | alpha  | ok   | ok    | AD  | ok  | AD  | AD      | IAK      | AD
            copy-within    | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            copy-from-beta | alpha  | ok   | AD    | AD  | AD  | AD  | AD      | IAK      | AD
            policy         | alpha  | ok   | ok    | AD  | AD  | AD  | AD      | IAK      | AD
            policy         | beta   | ok   | AD    | AD  | AD  | AD  | AD      | IAK      | AD
            get-acl        | alpha  | ok   | ok    | ok  | ok  | AD  | AD      | IAK      | AD
            get-acl        | beta   | ok   | AD    | AD  | AD  | AD  | ok      | IAK      | AD
            """;

    private static final String SECRET = "matrix-secret-0123456789";
    private static final String SEED = "seed.txt";
    private static final String ALPHA = "alpha-" + Long.toHexString(System.nanoTime());
    private static final String BETA = "beta-" + Long.toHexString(System.nanoTime());

    private static final Map<String, S3Client> CLIENTS = new LinkedHashMap<>();
    private static S3Client root;

    @FunctionalInterface
    private interface Call {
        String run(S3Client s3, String bucket, String principal);
    }

    private static final Map<String, Call> OPERATIONS = Map.ofEntries(
            Map.entry("list-buckets", (s3, bucket, p) -> s3.listBuckets().buckets().stream().map(Bucket::name)
                    .filter(n -> n.equals(ALPHA) || n.equals(BETA)).map(n -> n.equals(ALPHA) ? "a" : "b")
                    .sorted().collect(Collectors.joining("+"))),
            Map.entry("list-objects", (s3, bucket, p) -> ok(s3.listObjectsV2(b -> b.bucket(bucket)))),
            Map.entry("get", (s3, bucket, p) -> ok(s3.getObjectAsBytes(b -> b.bucket(bucket).key(SEED)))),
            Map.entry("head", (s3, bucket, p) -> ok(s3.headObject(b -> b.bucket(bucket).key(SEED)))),
            Map.entry("put", (s3, bucket, p) -> ok(s3.putObject(b -> b.bucket(bucket).key("put-" + p),
                    RequestBody.fromString("from " + p)))),
            Map.entry("delete", (s3, bucket, p) -> {
                root.putObject(b -> b.bucket(bucket).key("victim-" + p), RequestBody.fromString("doomed"));
                return ok(s3.deleteObject(b -> b.bucket(bucket).key("victim-" + p)));
            }),
            Map.entry("multipart", (s3, bucket, p) -> {
                String key = "mp-" + p;
                String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("part")).eTag();
                return ok(s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
            }),
            Map.entry("copy-within", (s3, bucket, p) -> ok(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(SEED)
                    .destinationBucket(bucket).destinationKey("copy-" + p)))),
            Map.entry("copy-from-beta", (s3, bucket, p) -> ok(s3.copyObject(b -> b.sourceBucket(BETA).sourceKey(SEED)
                    .destinationBucket(bucket).destinationKey("copied-" + p)))),
            Map.entry("policy", (s3, bucket, p) -> {
                s3.putBucketPolicy(b -> b.bucket(bucket).policy(readOnlyPolicyFor(bucket)));
                s3.getBucketPolicy(b -> b.bucket(bucket));
                return ok(s3.deleteBucketPolicy(b -> b.bucket(bucket)));
            }),
            Map.entry("get-acl", (s3, bucket, p) -> ok(s3.getBucketAcl(b -> b.bucket(bucket)))));

    @BeforeAll
    static void setUp(StowageServerExtension server) {
        AdminCalls admin = new AdminCalls(server.adminEndpoint(), StowageServerExtension.ADMIN_TOKEN);
        admin.user("owner", "OWNERKEY", SECRET);
        admin.user("other", "OTHERKEY", SECRET);
        admin.user("apps");
        admin.bucket(ALPHA, "owner");
        admin.bucket(BETA, "other");
        admin.scopedKey("apps", "ROKEY", SECRET, ALPHA, "read");
        admin.scopedKey("apps", "RWKEY", SECRET, ALPHA, "read-write");
        admin.scopedKey("apps", "WOKEY", SECRET, ALPHA, "write");
        admin.scopedKey("apps", "BETARWKEY", SECRET, BETA, "read-write");
        admin.scopedKey("apps", "DISABLEDKEY", SECRET, ALPHA, "read-write");
        admin.disableKey("DISABLEDKEY");

        URI endpoint = server.endpoint();
        root = client(endpoint, keys(StowageServerExtension.ACCESS_KEY, StowageServerExtension.SECRET_KEY));
        CLIENTS.put("root", root);
        CLIENTS.put("owner", client(endpoint, keys("OWNERKEY", SECRET)));
        CLIENTS.put("ro", client(endpoint, keys("ROKEY", SECRET)));
        CLIENTS.put("rw", client(endpoint, keys("RWKEY", SECRET)));
        CLIENTS.put("wo", client(endpoint, keys("WOKEY", SECRET)));
        CLIENTS.put("beta-rw", client(endpoint, keys("BETARWKEY", SECRET)));
        CLIENTS.put("disabled", client(endpoint, keys("DISABLEDKEY", SECRET)));
        CLIENTS.put("anon", client(endpoint, AnonymousCredentialsProvider.create()));
        for (String bucket : List.of(ALPHA, BETA)) {
            root.putObject(b -> b.bucket(bucket).key(SEED), RequestBody.fromString("seed of " + bucket));
        }
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.values().forEach(S3Client::close);
    }

    @Test
    void everyPrincipalGetsExactlyWhatTheTableSays() {
        List<String> lines = EXPECTED.strip().lines().toList();
        List<String> principals = cells(lines.getFirst()).subList(2, cells(lines.getFirst()).size());
        List<String> mismatches = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = cells(line);
            String operation = row.get(0);
            String bucket = row.get(1).equals("beta") ? BETA : ALPHA;
            for (int i = 0; i < principals.size(); i++) {
                String principal = principals.get(i);
                String actual = outcome(OPERATIONS.get(operation), CLIENTS.get(principal), bucket, principal);
                if (!actual.equals(row.get(i + 2))) {
                    mismatches.add(operation + " on " + row.get(1) + " by " + principal + ": expected " + row.get(i + 2)
                            + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static String outcome(Call call, S3Client s3, String bucket, String principal) {
        try {
            return call.run(s3, bucket, principal);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code == null || code.isEmpty()) {
                return String.valueOf(e.statusCode());
            }
            return switch (code) {
                case "AccessDenied" -> "AD";
                case "InvalidAccessKeyId" -> "IAK";
                default -> code;
            };
        }
    }

    private static String ok(Object ignored) {
        return "ok";
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\\|")).stream().map(String::strip).toList();
    }

    private static String readOnlyPolicyFor(String bucket) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["owner"]},
                "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
    }

    private static AwsCredentialsProvider keys(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static S3Client client(URI endpoint, AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(StowageServerExtension.REGION))
                .credentialsProvider(credentials)
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
