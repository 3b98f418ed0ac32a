package io.stowage.cli.admin;

import io.stowage.admin.client.AdminApiException;
import io.stowage.admin.client.AdminClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * `stowage admin`: the admin API's command-line client. Its options are inherited by every group
 * and verb, so they may stand anywhere on the command line.
 */
@Command(name = "admin",
        scope = ScopeType.INHERIT,
        exitCodeOnInvalidInput = AdminCommand.OTHER,
        sortOptions = false,
        description = {"Manages users, access keys, grants, buckets, quotas and bucket policies of a Stowage server through its admin API.",
                "The endpoint and token come from the flags, else " + AdminSettings.ENDPOINT_ENV + " and " + AdminSettings.TOKEN_ENV
                        + ", else endpoint= and token= lines in the config file."},
        subcommands = {UserCommand.class, KeyCommand.class, BucketCommand.class, GrantCommand.class, PolicyCommand.class,
                InfoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:usage error or other failure", "2:not found", "3:conflict",
                "4:not authorized (missing or wrong token, or not an admin)"})
public final class AdminCommand implements Runnable {

    static final int OTHER = 1;
    static final int NOT_FOUND = 2;
    static final int CONFLICT = 3;
    static final int AUTH = 4;

    /** One call to the admin API and what it prints. */
    @FunctionalInterface
    interface Action {
        void run(AdminClient client, Output out) throws IOException;
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Admin API URL (env " + AdminSettings.ENDPOINT_ENV + "). Default: " + AdminSettings.DEFAULT_ENDPOINT)
    String endpoint;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "Admin token (env " + AdminSettings.TOKEN_ENV + "; prefer it or the config file: other users can see command lines).")
    String token;

    @Option(names = "--cacert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM CA certificate(s) to trust for an https endpoint, e.g. the server's DATA/tls/ca.crt (env "
                    + AdminSettings.CACERT_ENV + "). Default: the JDK's trusted CAs")
    Path caCert;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file with endpoint=, token= and cacert= lines. Default: ~/.config/stowage/admin.properties"
                    + " (under $XDG_CONFIG_HOME when set)")
    Path config;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the API's JSON instead of tables.")
    boolean json;

    private final Map<String, String> env;
    private final Path home;
    private final InputStream stdin;

    public AdminCommand() {
        this(System.getenv(), Path.of(System.getProperty("user.home")), System.in);
    }

    /** For tests: the environment, home directory and standard input the command sees. */
    AdminCommand(Map<String, String> env, Path home, InputStream stdin) {
        this.env = env;
        this.home = home;
        this.stdin = stdin;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    InputStream stdin() {
        return stdin;
    }

    /** Runs {@code action} with a client for the configured server; returns the exit code. */
    int run(Action action) {
        Output out = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        try {
            AdminSettings settings = AdminSettings.resolve(endpoint, token, caCert, config, env, home);
            try (AdminClient client = client(settings)) {
                action.run(client, out);
                return 0;
            } catch (AdminApiException e) {
                out.error(e.getMessage() + hint(e, settings), e.code());
                return exitCode(e);
            }
        } catch (IOException | IllegalArgumentException e) {
            out.error(e.getMessage(), null);
            return OTHER;
        } catch (RuntimeException e) {
            // A bug, reported in one line like every other failure rather than as a stack trace.
            out.error("unexpected failure: " + e, null);
            return OTHER;
        } finally {
            out.flush();
        }
    }

    private static AdminClient client(AdminSettings settings) throws IOException {
        AdminClient.Builder builder = AdminClient.builder(settings.endpoint()).token(settings.token());
        if (settings.caCert() != null) {
            byte[] pem;
            try {
                pem = Files.readAllBytes(settings.caCert());
            } catch (NoSuchFileException e) {
                throw new IOException("CA certificate file " + settings.caCert() + " does not exist");
            }
            try {
                builder.trustedCertificates(pem);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(settings.caCert() + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static int exitCode(AdminApiException e) {
        if (e.isNotFound()) {
            return NOT_FOUND;
        } else if (e.isConflict()) {
            return CONFLICT;
        } else if (e.isUnauthorized() || e.isForbidden()) {
            return AUTH;
        }
        return OTHER;
    }

    private static String hint(AdminApiException e, AdminSettings settings) {
        return e.isUnauthorized() && settings.token() == null
                ? "; no admin token was given: use --token, " + AdminSettings.TOKEN_ENV + " or token= in " + settings.configFile()
                : "";
    }
}
