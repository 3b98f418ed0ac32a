package io.stowage.cli.admin;

import io.stowage.cli.it.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.admin.client.Access;
import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import io.stowage.admin.client.Bucket;
import io.stowage.admin.client.CreateResult;
import io.stowage.admin.client.Grant;
import io.stowage.admin.client.GrantFilter;
import io.stowage.admin.client.Info;
import io.stowage.admin.client.Key;
import io.stowage.admin.client.KeyGrant;
import io.stowage.admin.client.KeyPair;
import io.stowage.admin.client.KeyStatus;
import io.stowage.admin.client.KeyWithSecret;
import io.stowage.admin.client.Quota;
import io.stowage.admin.client.User;
import io.stowage.admin.client.UserWithKey;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The admin client and `stowage admin` against a real server: the packaged launcher's
 * `stowage server` with its admin API, checked through the S3 API where the admin API changes
 * what S3 clients may do.
 */
class AdminClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"auditor"},
             "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""";

    private static ServerProcess server;
    private static AdminClient admin;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start();
        admin = server.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void healthAndInfo() {
        try (AdminClient anonymous = AdminClient.builder(server.adminEndpoint()).build()) {
            assertThat(anonymous.health()).isEqualTo("ok");
            assertThat(catchThrowableOfType(AdminApiException.class, anonymous::info).isUnauthorized()).isTrue();
        }
        Info info = admin.info();
        assertThat(info.region()).isEqualTo("us-east-1");
        assertThat(info.adminAddress()).endsWith(":" + server.adminEndpoint().getPort());
        assertThat(info.s3Address()).endsWith(":" + server.s3Endpoint().getPort());
        assertThat(info.startedAt()).isNotNull();
    }

    @Test
    void usersAndKeys() {
        KeyPair given = new KeyPair("ALICEKEY1", "alice-secret-0123456789");
        CreateResult<UserWithKey> created = admin.createUser("alice", false, given);
        assertThat(created.created()).isTrue();
        assertThat(created.value().user().name()).isEqualTo("alice");
        assertThat(created.value().key().accessKeyId()).isEqualTo("ALICEKEY1");

        CreateResult<UserWithKey> again = admin.createUser("alice", false, given);
        assertThat(again.created()).isFalse();
        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.createUser("alice", true, given)).isConflict()).isTrue();

        assertThat(admin.listUsers()).extracting(User::name).contains("alice");
        assertThat(admin.getUser("alice").keys()).extracting(Key::accessKeyId).containsExactly("ALICEKEY1");

        KeyWithSecret generated = admin.createUser("bob", false).value().key();
        assertThat(generated.accessKeyId()).matches("[A-Z0-9]{20}");
        assertThat(generated.secretKey()).matches("[A-Za-z0-9]{40}");

        admin.createBucket("alice-photos", "alice", null);
        KeyWithSecret scoped = admin.createKey("alice", null, List.of(new KeyGrant("alice-photos", "shared/", Access.READ_WRITE))).value();
        assertThat(admin.getKey(scoped.accessKeyId()).grants()).containsExactly(new KeyGrant("alice-photos", "shared/", Access.READ_WRITE));
        try (S3Client s3 = s3(scoped.accessKeyId(), scoped.secretKey())) {
            s3.putObject(b -> b.bucket("alice-photos").key("shared/a.txt"), RequestBody.fromString("a"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("alice-photos").key("private/a.txt"), RequestBody.fromString("a")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }

        KeyWithSecret rotated = admin.rotateKey(scoped.accessKeyId());
        assertThat(rotated.accessKeyId()).isNotEqualTo(scoped.accessKeyId());
        assertThat(rotated.grants()).isEqualTo(scoped.grants());
        assertThat(admin.listKeys("alice")).extracting(Key::accessKeyId).contains(scoped.accessKeyId(), rotated.accessKeyId());

        assertThat(admin.setKeyStatus(scoped.accessKeyId(), KeyStatus.DISABLED).status()).isEqualTo(KeyStatus.DISABLED);
        try (S3Client s3 = s3(scoped.accessKeyId(), scoped.secretKey())) {
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("alice-photos").key("shared/a.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        try (S3Client s3 = s3(rotated.accessKeyId(), rotated.secretKey())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("alice-photos").key("shared/a.txt")).asUtf8String()).isEqualTo("a");
        }
        assertThat(admin.setKeyStatus(scoped.accessKeyId(), KeyStatus.ACTIVE).status()).isEqualTo(KeyStatus.ACTIVE);

        admin.deleteKey(scoped.accessKeyId());
        admin.deleteKey(scoped.accessKeyId());
        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.getKey(scoped.accessKeyId())).isNotFound()).isTrue();

        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.deleteUser("alice")).isConflict()).isTrue();
        admin.deleteUser("bob");
        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.getUser("bob")).isNotFound()).isTrue();
    }

    @Test
    void bucketsQuotasUsageAndPolicies() throws Exception {
        KeyWithSecret key = admin.createUser("carol", false, new KeyPair("CAROLKEY1", "carol-secret-0123456789")).value().key();
        CreateResult<Bucket> created = admin.createBucket("carol-data", "carol", new Quota(0, 2));
        assertThat(created.created()).isTrue();
        assertThat(created.value().owner()).isEqualTo("carol");
        assertThat(admin.createBucket("carol-data", "carol", new Quota(0, 2)).created()).isFalse();

        try (S3Client s3 = s3(key.accessKeyId(), "carol-secret-0123456789")) {
            s3.putObject(b -> b.bucket("carol-data").key("one"), RequestBody.fromString("12345"));
            s3.putObject(b -> b.bucket("carol-data").key("two"), RequestBody.fromString("123"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("carol-data").key("three"), RequestBody.fromString("x")))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(admin.getBucketUsage("carol-data").objects()).isEqualTo(2);
        assertThat(admin.getBucketUsage("carol-data").bytes()).isEqualTo(8);
        assertThat(admin.getBucket("carol-data").usage().bytes()).isEqualTo(8);

        assertThat(admin.setBucketQuota("carol-data", new Quota(1 << 20, 10)).quota()).isEqualTo(new Quota(1 << 20, 10));
        assertThat(admin.clearBucketQuota("carol-data").quota()).isEqualTo(Quota.NONE);
        assertThat(admin.listBuckets()).extracting(Bucket::name).contains("carol-data");

        admin.putBucketPolicy("carol-data", POLICY.formatted("carol-data"));
        assertThat(JSON.readTree(admin.getBucketPolicy("carol-data"))).isEqualTo(JSON.readTree(POLICY.formatted("carol-data")));
        AdminApiException invalid = catchThrowableOfType(AdminApiException.class, () -> admin.putBucketPolicy("carol-data", "{\"Version\":"));
        assertThat(invalid.isInvalidRequest()).isTrue();
        admin.deleteBucketPolicy("carol-data");
        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.getBucketPolicy("carol-data")).isNotFound()).isTrue();

        admin.createUser("dave", false);
        assertThat(admin.setBucketOwner("carol-data", "dave").owner()).isEqualTo("dave");

        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.deleteBucket("carol-data")).isConflict()).isTrue();
        admin.forceDeleteBucket("carol-data");
        assertThat(catchThrowableOfType(AdminApiException.class, () -> admin.getBucket("carol-data")).isNotFound()).isTrue();
    }

    @Test
    void grants() {
        admin.createUser("erin", false, new KeyPair("ERINKEY01", "erin-secret-0123456789"));
        admin.createBucket("shared-logs", null, null);
        Grant grant = Grant.forUser("erin", "shared-logs", "app/", Access.READ);
        assertThat(admin.createGrant(grant).created()).isTrue();
        assertThat(admin.createGrant(grant).created()).isFalse();
        assertThat(catchThrowableOfType(AdminApiException.class,
                () -> admin.createGrant(Grant.forUser("erin", "shared-logs", "app/", Access.WRITE))).isConflict()).isTrue();
        assertThat(admin.listGrants(GrantFilter.ALL.user("erin"))).containsExactly(grant);
        assertThat(admin.listGrants(GrantFilter.ALL.bucket("shared-logs").user("erin"))).containsExactly(grant);

        try (S3Client s3 = s3(ServerProcess.ROOT_ACCESS_KEY, ServerProcess.ROOT_SECRET_KEY)) {
            s3.putObject(b -> b.bucket("shared-logs").key("app/1.log"), RequestBody.fromString("line"));
        }
        try (S3Client s3 = s3("ERINKEY01", "erin-secret-0123456789")) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("shared-logs").key("app/1.log")).asUtf8String()).isEqualTo("line");
        }

        admin.deleteUserGrant("erin", "shared-logs", "app/");
        admin.deleteUserGrant("erin", "shared-logs", "app/");
        assertThat(admin.listGrants(GrantFilter.ALL.user("erin"))).isEmpty();
    }

    @Test
    void theCliEndToEnd() throws Exception {
        Result added = cli("user", "add", "frank");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Created user frank.", "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=");
        String generatedKey = value(added.out(), "AWS_ACCESS_KEY_ID");

        Result given = cli("user", "add", "grace", "--access-key", "GRACEKEY1", "--secret-key", "grace-secret-0123456789");
        assertThat(given.out()).contains("Created user grace.", "GRACEKEY1").doesNotContain("grace-secret-0123456789");
        assertThat(cli("user", "add", "grace", "--access-key", "GRACEKEY1", "--secret-key", "grace-secret-0123456789").out())
                .contains("already exists");

        assertThat(cli("user", "ls").out()).containsPattern("(?m)^frank +no +1 ");
        JsonNode users = JSON.readTree(cli("--json", "user", "ls").out());
        assertThat(users.isArray()).isTrue();
        assertThat(users.findValuesAsText("name")).contains("frank", "grace");

        assertThat(cli("bucket", "add", "frank-media", "--owner", "frank", "--max-bytes", "1MiB").out())
                .isEqualTo("Created bucket frank-media (owner frank, quota 1 MiB).\n");
        assertThat(cli("bucket", "quota", "frank-media", "--max-objects", "5").out()).isEqualTo("Quota of bucket frank-media: 1 MiB, 5 objects.\n");
        assertThat(cli("bucket", "ls").out()).containsPattern("(?m)^frank-media +frank +0 +0 B +1 MiB, 5 objects ");

        Result scoped = cli("key", "add", "frank", "--grant", "frank-media/clips/=write");
        assertThat(scoped.out()).contains("scoped to frank-media/clips/=write", "AWS_SECRET_ACCESS_KEY=");
        String scopedKey = value(scoped.out(), "AWS_ACCESS_KEY_ID");
        assertThat(cli("key", "ls", "frank").out()).contains(generatedKey, scopedKey, "frank-media/clips/=write")
                .doesNotContain(value(scoped.out(), "AWS_SECRET_ACCESS_KEY"));
        Result rotated = cli("key", "rotate", scopedKey);
        assertThat(rotated.out()).contains("AWS_SECRET_ACCESS_KEY=", "The old key " + scopedKey + " keeps working");
        assertThat(cli("key", "disable", scopedKey).out()).isEqualTo("Access key " + scopedKey + " of frank is disabled.\n");
        assertThat(cli("key", "enable", scopedKey).out()).isEqualTo("Access key " + scopedKey + " of frank is active.\n");
        assertThat(cli("key", "rm", scopedKey).exitCode()).isZero();

        assertThat(cli("grant", "add", "--user", "grace", "frank-media/clips/", "read").out())
                .isEqualTo("Granted read on frank-media/clips/ to user grace.\n");
        assertThat(cli("grant", "ls", "--bucket", "frank-media").out()).containsPattern("(?m)^user grace +frank-media +clips/ +read$");
        assertThat(cli("grant", "add", "--user", "grace", "frank-media/clips/", "write").exitCode()).isEqualTo(AdminCommand.CONFLICT);
        assertThat(cli("grant", "rm", "--user", "grace", "frank-media/clips/").exitCode()).isZero();

        stdin = POLICY.formatted("frank-media");
        assertThat(cli("policy", "set", "frank-media", "-").exitCode()).isZero();
        assertThat(JSON.readTree(cli("policy", "get", "frank-media").out())).isEqualTo(JSON.readTree(stdin));
        assertThat(cli("policy", "rm", "frank-media").exitCode()).isZero();
        Result noPolicy = cli("policy", "get", "frank-media");
        assertThat(noPolicy.exitCode()).isEqualTo(AdminCommand.NOT_FOUND);
        assertThat(noPolicy.err()).startsWith("error: ").endsWith("(NotFound)\n");

        assertThat(cli("info").out()).contains("region:", "us-east-1", "admin address:");

        Result conflict = cli("user", "rm", "frank");
        assertThat(conflict.exitCode()).isEqualTo(AdminCommand.CONFLICT);
        assertThat(conflict.err()).startsWith("error: ").endsWith("(Conflict)\n");
        assertThat(cli("bucket", "owner", "no-such-bucket", "frank").exitCode()).isEqualTo(AdminCommand.NOT_FOUND);
        assertThat(cli("bucket", "rm", "frank-media").exitCode()).isZero();
        assertThat(cli("user", "rm", "frank").out()).isEqualTo("Deleted user frank.\n");

        Result wrongToken = run(List.of("--endpoint", server.adminEndpoint().toString(), "--token", "wrong-token-value", "user", "ls"));
        assertThat(wrongToken.exitCode()).isEqualTo(AdminCommand.AUTH);
        assertThat(wrongToken.err()).endsWith("(Unauthorized)\n").doesNotContain("wrong-token-value");
        assertThat(wrongToken.out()).isEmpty();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private String stdin = "";

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", server.adminEndpoint().toString(), "--token", ServerProcess.ADMIN_TOKEN));
        all.addAll(List.of(args));
        return run(all);
    }

    private Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var command = new AdminCommand(Map.of(), home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static String value(String output, String name) {
        Matcher m = Pattern.compile(name + "=(\\S+)").matcher(output);
        assertThat(m.find()).as(name + " in " + output).isTrue();
        return m.group(1);
    }

    private static S3Client s3(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(server.s3Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }
}
