package io.stowage.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.admin.client.StubAdminServer;
import io.stowage.cli.StowageMain;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `stowage admin` parsing, printing and exit codes, against a canned admin API. */
class AdminCommandTest {

    private static final String TOKEN = "flag-token-0123456789";
    private static final String USERS = """
            [{"name":"alice","admin":true,"createdAt":"2026-03-01T12:00:00.5Z","keys":[{"accessKeyId":"AK1","user":"alice",
              "status":"active","createdAt":"2026-03-01T12:00:00Z","grants":[]}]},
             {"name":"bob","admin":false,"createdAt":"2026-03-02T08:30:00Z","keys":[]}]""";
    private static final String BUCKET = """
            {"name":"photos","owner":"alice","createdAt":"2026-03-01T12:00:00Z","region":"us-east-1",
             "quota":{"maxBytes":1073741824,"maxObjects":0},"usage":{"bytes":1536,"objects":2}}""";

    record Result(int exitCode, String out, String err) {
    }

    @TempDir
    Path home;

    private StubAdminServer stub;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";

    @BeforeEach
    void start() throws Exception {
        stub = new StubAdminServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Runs `admin --endpoint STUB --token TOKEN ARGS`. */
    private Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", stub.endpoint().toString(), "--token", TOKEN));
        all.addAll(List.of(args));
        return bare(all.toArray(String[]::new));
    }

    private Result bare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var command = new AdminCommand(env, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyGroupAndVerbHasHelp() {
        CommandLine root = new CommandLine(new AdminCommand(env, home, System.in));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result result = bare(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(path.toString()).isZero();
            assertThat(result.out()).as(path.toString()).contains("Usage: admin " + String.join(" ", path));
        }
        StringWriter out = new StringWriter();
        new CommandLine(new StowageMain()).setOut(new PrintWriter(out)).execute("admin", "bucket", "quota", "--help");
        assertThat(out.toString()).contains("Usage: stowage admin bucket quota", "--max-bytes", "--clear", "--endpoint", "--json");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, subPath, paths);
        });
    }

    @Test
    void aGroupWithoutAVerbIsAUsageError() {
        Result result = admin("user");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Missing required subcommand", "Usage: admin user");
    }

    @Test
    void listsUsersAsATable() {
        stub.on("GET /admin/v1/users", 200, USERS);
        Result result = admin("user", "ls");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                NAME   ADMIN  KEYS  CREATED
                alice  yes    1     2026-03-01T12:00:00Z
                bob    no     0     2026-03-02T08:30:00Z
                """);
        assertThat(stub.last().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void jsonPrintsTheApisShapeWhereverTheFlagStands() {
        stub.on("GET /admin/v1/buckets", 200, "[" + BUCKET + "]");
        for (Result result : List.of(admin("--json", "bucket", "ls"), admin("bucket", "ls", "--json"))) {
            assertThat(result.exitCode()).isZero();
            assertThat(result.out().replaceAll("\\s", ""))
                    .isEqualTo("[{\"name\":\"photos\",\"owner\":\"alice\",\"createdAt\":\"2026-03-01T12:00:00Z\",\"region\":\"us-east-1\","
                            + "\"quota\":{\"maxBytes\":1073741824,\"maxObjects\":0},\"usage\":{\"bytes\":1536,\"objects\":2}}]");
        }
        Result table = admin("bucket", "ls");
        assertThat(table.out()).contains("photos  alice  2        1.5 KiB  1 GiB  2026-03-01T12:00:00Z");
    }

    @Test
    void aGeneratedSecretIsPrintedOnceAndAGivenOneNever() {
        String key = """
                {"accessKeyId":"GENERATED1","user":"carol","status":"active","createdAt":"2026-03-01T12:00:00Z","secretKey":"generated-secret"}""";
        stub.on("POST /admin/v1/users", 201, "{\"user\":{\"name\":\"carol\",\"admin\":false},\"key\":" + key + "}");
        Result generated = admin("user", "add", "carol");
        assertThat(generated.exitCode()).isZero();
        assertThat(generated.out()).contains("Created user carol.", "AWS_ACCESS_KEY_ID=GENERATED1", "AWS_SECRET_ACCESS_KEY=generated-secret");
        assertThat(stub.last().body()).isEqualTo("{\"name\":\"carol\",\"admin\":false}");

        stub.on("POST /admin/v1/users", 200, "{\"user\":{\"name\":\"carol\",\"admin\":false},\"key\":"
                + key.replace("GENERATED1", "GIVEN1").replace("generated-secret", "given-secret-1") + "}");
        Result given = admin("user", "add", "carol", "--access-key", "GIVEN1", "--secret-key", "given-secret-1");
        assertThat(given.out()).contains("already exists", "GIVEN1").doesNotContain("given-secret-1");
        assertThat(stub.last().body()).contains("\"accessKeyId\":\"GIVEN1\"", "\"secretKey\":\"given-secret-1\"");
    }

    @Test
    void anAccessKeyNeedsItsSecret() {
        Result result = admin("user", "add", "carol", "--access-key", "GIVEN1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--secret-key");
    }

    @Test
    void scopedKeysCarryTheirGrants() {
        stub.on("POST /admin/v1/users/alice/keys", 201, """
                {"accessKeyId":"AK2","user":"alice","status":"active","createdAt":"2026-03-01T12:00:00Z","secretKey":"s3cr3t-value",
                 "grants":[{"bucket":"photos","prefix":"2026/","access":"read"},{"bucket":"logs","prefix":"","access":"read-write"}]}""");
        Result result = admin("key", "add", "alice", "--grant", "photos/2026/=read", "--grant", "logs=read-write");
        assertThat(result.exitCode()).isZero();
        assertThat(stub.last().body()).isEqualTo("{\"grants\":[{\"bucket\":\"photos\",\"prefix\":\"2026/\",\"access\":\"read\"},"
                + "{\"bucket\":\"logs\",\"prefix\":\"\",\"access\":\"read-write\"}]}");
        assertThat(result.out()).contains("scoped to photos/2026/=read, logs=read-write", "AWS_SECRET_ACCESS_KEY=s3cr3t-value");

        assertThat(admin("key", "add", "alice", "--grant", "photos=everything").exitCode()).isEqualTo(1);
    }

    @Test
    void aQuotaChangeKeepsTheLimitNotGiven() {
        stub.on("GET /admin/v1/buckets/photos", 200, BUCKET);
        stub.on("PUT /admin/v1/buckets/photos/quota", 200, BUCKET.replace("\"maxObjects\":0", "\"maxObjects\":1000"));
        Result result = admin("bucket", "quota", "photos", "--max-objects", "1000");
        assertThat(result.exitCode()).isZero();
        assertThat(stub.last().body()).isEqualTo("{\"maxBytes\":1073741824,\"maxObjects\":1000}");
        assertThat(result.out()).isEqualTo("Quota of bucket photos: 1 GiB, 1000 objects.\n");

        assertThat(admin("bucket", "quota", "photos", "--clear", "--max-bytes", "1GiB").exitCode()).isEqualTo(1);
        assertThat(admin("bucket", "quota", "photos").exitCode()).isEqualTo(1);
        assertThat(admin("bucket", "quota", "photos", "--max-bytes", "1GB").err()).contains("KiB, MiB, GiB");
    }

    @Test
    void aGrantNamesExactlyOneSubject() {
        stub.on("POST /admin/v1/grants", 201, "{\"bucket\":\"photos\",\"prefix\":\"a/\",\"access\":\"write\",\"key\":\"AK1\"}");
        Result ok = admin("grant", "add", "--key", "AK1", "photos/a/", "write");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEqualTo("Granted write on photos/a/ to access key AK1.\n");
        assertThat(stub.last().body()).isEqualTo("{\"bucket\":\"photos\",\"prefix\":\"a/\",\"access\":\"write\",\"key\":\"AK1\"}");

        assertThat(admin("grant", "add", "--key", "AK1", "--user", "bob", "photos", "read").exitCode()).isEqualTo(1);
        assertThat(admin("grant", "add", "photos", "read").exitCode()).isEqualTo(1);
    }

    @Test
    void policiesComeFromAFileOrStandardInput() throws Exception {
        stub.on("PUT /admin/v1/buckets/photos/policy", 204, "");
        stdin = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        assertThat(admin("policy", "set", "photos", "-").exitCode()).isZero();
        assertThat(stub.last().body()).isEqualTo(stdin);

        Path file = Files.writeString(home.resolve("policy.json"), "{\"from\":\"file\"}");
        assertThat(admin("policy", "set", "photos", file.toString()).exitCode()).isZero();
        assertThat(stub.last().body()).isEqualTo("{\"from\":\"file\"}");

        Result missing = admin("policy", "set", "photos", home.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: no such policy file: ");
    }

    @Test
    void apiErrorsAreOneLineWithDistinctExitCodes() {
        stub.on("DELETE /admin/v1/buckets/photos", 409, "{\"code\":\"Conflict\",\"message\":\"bucket photos is not empty\"}");
        stub.on("GET /admin/v1/info", 403, "{\"code\":\"Forbidden\",\"message\":\"user bob is not an admin\"}");
        stub.on("GET /admin/v1/users", 401, "{\"code\":\"Unauthorized\",\"message\":\"missing or wrong admin credentials\"}");
        stub.on("GET /admin/v1/buckets", 500, "{\"code\":\"InternalError\",\"message\":\"internal error\"}");

        assertError(admin("bucket", "rm", "photos"), 3, "error: bucket photos is not empty (Conflict)");
        assertError(admin("user", "rm", "ghost"), 2, "error: no stub for /admin/v1/users/ghost (NotFound)");
        assertError(admin("info"), 4, "error: user bob is not an admin (Forbidden)");
        assertError(admin("user", "ls"), 4, "error: missing or wrong admin credentials (Unauthorized)");
        assertError(admin("bucket", "ls"), 1, "error: internal error (InternalError)");
    }

    @Test
    void anUnreachableServerIsReportedInOneLine() throws Exception {
        stub.close();
        Result result = admin("user", "ls");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot reach the admin API at " + stub.endpoint()).endsWith("(Unreachable)\n");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void theTokenComesFromTheEnvironmentOrTheFileAndIsNeverPrinted() throws Exception {
        stub.on("GET /admin/v1/users", 401, "{\"code\":\"Unauthorized\",\"message\":\"wrong token\"}");
        env.put("STOWAGE_ADMIN_TOKEN", "env-token-value");
        Result fromEnv = bare("--endpoint", stub.endpoint().toString(), "user", "ls");
        assertThat(stub.last().authorization()).isEqualTo("Bearer env-token-value");
        assertThat(fromEnv.out() + fromEnv.err()).doesNotContain("env-token-value");

        bare("--endpoint", stub.endpoint().toString(), "--token", TOKEN, "user", "ls");
        assertThat(stub.last().authorization()).isEqualTo("Bearer " + TOKEN);

        env.clear();
        Path config = Files.writeString(home.resolve("admin.properties"), "endpoint=" + stub.endpoint() + "\ntoken=file-token-value\n");
        Result fromFile = bare("--config", config.toString(), "user", "ls");
        assertThat(stub.last().authorization()).isEqualTo("Bearer file-token-value");
        assertThat(fromFile.out() + fromFile.err()).doesNotContain("file-token-value");

        env.put("STOWAGE_ADMIN_TOKEN", "env-token-value");
        Result help = bare("user", "ls", "--help");
        assertThat(help.out()).doesNotContain("env-token-value");
    }

    @Test
    void withoutATokenA401SaysHowToGiveOne() {
        stub.on("GET /admin/v1/users", 401, "{\"code\":\"Unauthorized\",\"message\":\"missing admin credentials\"}");
        Result result = bare("--endpoint", stub.endpoint().toString(), "user", "ls");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("no admin token was given: use --token, STOWAGE_ADMIN_TOKEN or token= in "
                + home.resolve(".config/stowage/admin.properties"));
    }

    @Test
    void aBadEndpointIsAnErrorNotAStackTrace() {
        Result result = bare("--endpoint", "ftp://x:1", "user", "ls");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the admin endpoint must be an http:// or https:// URL with a host, not 'ftp://x:1'\n");
    }

    private static void assertError(Result result, int exitCode, String line) {
        assertThat(result.exitCode()).as(line).isEqualTo(exitCode);
        assertThat(result.err()).isEqualTo(line + "\n");
        assertThat(result.out()).isEmpty();
    }
}
