package io.stowage.cli.admin;

import io.stowage.cli.it.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.admin.client.AdminClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The admin client and `stowage admin` against a server with `--tls auto`: they trust the CA the
 * server generated when told to (--cacert, STOWAGE_ADMIN_CACERT, cacert= in the config file) and
 * refuse its certificate otherwise, with a message that says why.
 */
class AdminTlsIT {

    private static ServerProcess server;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(true);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void theClientTrustsTheGeneratedCa() throws Exception {
        assertThat(server.adminEndpoint().getScheme()).isEqualTo("https");
        try (AdminClient client = server.client()) {
            assertThat(client.health()).isEqualTo("ok");
            assertThat(client.info().region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void theCliTakesTheCaFromTheFlagOrTheEnvironment() {
        Result flag = run(Map.of(), "--cacert", server.caCert().toString(), "info");
        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.out()).contains("us-east-1");

        Result env = run(Map.of(AdminSettings.CACERT_ENV, server.caCert().toString()), "info");
        assertThat(env.exitCode()).as(env.err()).isZero();
    }

    @Test
    void withoutTheCaTheCertificateIsRefusedWithAHint() {
        Result refused = run(Map.of(), "info");
        assertThat(refused.exitCode()).isEqualTo(AdminCommand.OTHER);
        assertThat(refused.err()).contains("no TLS connection to the admin API at " + server.adminEndpoint())
                .contains("is the CA certificate of its TLS certificate trusted?").doesNotContain("\tat ");
    }

    @Test
    void aMissingCaFileIsNamed() {
        Result missing = run(Map.of(), "--cacert", home.resolve("nope.crt").toString(), "info");
        assertThat(missing.exitCode()).isEqualTo(AdminCommand.OTHER);
        assertThat(missing.err()).contains("CA certificate file " + home.resolve("nope.crt") + " does not exist");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", server.adminEndpoint().toString(), "--token", ServerProcess.ADMIN_TOKEN));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var command = new AdminCommand(env, home, new ByteArrayInputStream(new byte[0]));
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
