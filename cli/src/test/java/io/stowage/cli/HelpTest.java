package io.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void everySubcommandHasHelp() {
        CommandLine root = new CommandLine(new StowageMain());
        assertThat(root.getSubcommands()).containsKeys("server", "operator", "cosi-driver");
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            StringWriter out = new StringWriter();
            CommandLine cmd = new CommandLine(new StowageMain()).setOut(new PrintWriter(out));
            assertThat(cmd.execute(name, "--help")).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage: stowage " + name);
        }
    }

    @Test
    void serverHelpNamesEveryFlagAndItsEnvironmentVariable() {
        StringWriter out = new StringWriter();
        new CommandLine(new StowageMain()).setOut(new PrintWriter(out)).execute("server", "--help");
        assertThat(out.toString())
                .contains("--address", "STOWAGE_ADDRESS", "127.0.0.1:9000")
                .contains("--admin-address", "STOWAGE_ADMIN_ADDRESS", "127.0.0.1:9001")
                .contains("--data", "STOWAGE_DATA", "stowage-data")
                .contains("--region", "STOWAGE_REGION", "us-east-1")
                .contains("--domain", "STOWAGE_DOMAIN")
                .contains("--metrics-address", "STOWAGE_METRICS_ADDRESS", "127.0.0.1:9002")
                .contains("--metrics-bucket-limit", "STOWAGE_METRICS_BUCKET_LIMIT", "100")
                .contains("--lifecycle-interval", "STOWAGE_LIFECYCLE_INTERVAL", "1h")
                .contains("--lifecycle-batch", "STOWAGE_LIFECYCLE_BATCH", "10000")
                .contains("--lifecycle-day-seconds", "STOWAGE_LIFECYCLE_DAY_SECONDS", "86400");
    }

    @Test
    void operatorHelpNamesItsMetricsAddress() {
        StringWriter out = new StringWriter();
        new CommandLine(new StowageMain()).setOut(new PrintWriter(out)).execute("operator", "--help");
        assertThat(out.toString())
                .contains("--namespaces", "--leader-election", "--lease-name", "--default-image")
                .contains("--metrics-address", "STOWAGE_METRICS_ADDRESS", "127.0.0.1:9090", "/health/ready");
    }

    @Test
    void everyServerOptionNamesTheEnvironmentVariableThatSetsIt() {
        assertEveryOptionNamesItsEnvironmentVariable(new ServerCommand());
    }

    @Test
    void everyOperatorOptionNamesTheEnvironmentVariableThatSetsIt() {
        assertEveryOptionNamesItsEnvironmentVariable(new OperatorCommand());
    }

    @Test
    void everyCosiDriverOptionNamesTheEnvironmentVariableThatSetsIt() {
        assertEveryOptionNamesItsEnvironmentVariable(new CosiDriverCommand());
    }

    @Test
    void everyPopulateOptionNamesTheEnvironmentVariableThatSetsIt() {
        assertEveryOptionNamesItsEnvironmentVariable(new PopulateCommand());
    }

    @Test
    void populateRefusesASecretOnTheCommandLine() {
        StringWriter out = new StringWriter();
        new CommandLine(new StowageMain()).setOut(new PrintWriter(out)).execute("populate", "--help");
        assertThat(out.toString()).contains("--endpoint", "--bucket", "--prefix", "--target", "--secret-dir", "--ca-bundle",
                "--include", "--exclude", "--parallel", "--attempts", "--size", "--json", "AWS_SECRET_ACCESS_KEY", "Exit status")
                .doesNotContain("--secret-key");
        for (String option : new String[] {"--secret-key", "--secret-access-key"}) {
            PrintStream stderr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = new CommandLine(new StowageMain()).execute("populate", "--bucket", "b", "--target", "/nowhere",
                        option, "hunter2-secret");
            } finally {
                System.setErr(stderr);
            }
            assertThat(code).as(option).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(option)
                    .contains("not taken on the command line").doesNotContain("hunter2-secret");
        }
    }

    @Test
    void cosiDriverHelpNamesItsSocketAndDefaults() {
        StringWriter out = new StringWriter();
        new CommandLine(new StowageMain()).setOut(new PrintWriter(out)).execute("cosi-driver", "--help");
        assertThat(out.toString())
                .contains("--endpoint", "COSI_ENDPOINT", "unix:///var/lib/cosi/cosi.sock")
                .contains("--driver-name", "cosi.stowage.io", "--backend-dir", "--kubernetes", "--backend-namespace");
    }

    private static void assertEveryOptionNamesItsEnvironmentVariable(Object command) {
        for (CommandLine.Model.OptionSpec option : new CommandLine(command).getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp() || option.hidden()) {
                continue;
            }
            assertThat(String.join(" ", option.description())).as(option.longestName())
                    .contains("(env " + ServerDefaults.envName(option) + ")");
        }
    }

    @Test
    void badFlagsFailWithAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new StowageMain()).setErr(new PrintWriter(err)).execute("server", "--no-such-flag");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }
}
