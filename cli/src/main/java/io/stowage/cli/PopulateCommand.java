package io.stowage.cli;

import io.stowage.populate.KeyFilter;
import io.stowage.populate.PopulateResult;
import io.stowage.populate.PopulateSettings;
import io.stowage.populate.Populator;
import io.stowage.populate.SizeReport;
import io.stowage.populate.Source;
import io.stowage.populate.SourceOptions;
import io.stowage.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `stowage populate`: copies a bucket prefix into a directory, the volume populator pod's worker. */
@Command(name = "populate",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerDefaults.class,
        description = {"Copies every object under a bucket prefix of any S3 endpoint into a directory, keeping the key"
                + " hierarchy below the prefix: parallel, retried, each file verified (stored checksums, ETag) and put in"
                + " place atomically; a second run skips the files already complete. Keys that would land outside the"
                + " directory are refused. --size only counts objects and bytes.",
                "The secret key is never an option: set AWS_SECRET_ACCESS_KEY (or STOWAGE_SECRET_ACCESS_KEY) or give"
                        + " --secret-dir. Every option --NAME can also be set by the environment variable STOWAGE_NAME"
                        + " (dashes as underscores).",
                "Exit status: 0 everything copied and verified; 1 some objects failed, or the listing did; 2 bad"
                        + " settings; 3 everything else copied, but some keys were refused."},
        sortOptions = false)
final class PopulateCommand implements Callable<Integer> {

    /** The environment: AWS_* and STOWAGE_SECRET_ACCESS_KEY, besides the STOWAGE_* the provider reads. */
    Map<String, String> env = System.getenv();

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "The S3 endpoint, e.g. https://s3.example.com:9000 (env STOWAGE_ENDPOINT). Default: AWS_ENDPOINT_URL_S3,"
                    + " AWS_ENDPOINT_URL, else the Secret directory's endpoint")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The region requests are signed for (env STOWAGE_REGION). Default: AWS_REGION, the Secret"
                    + " directory's region, else " + Source.DEFAULT_REGION)
    String region;

    @Option(names = "--bucket", paramLabel = "NAME", description = "The bucket to copy from (env STOWAGE_BUCKET). Required")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Copy only keys starting with this; it is removed from the paths written (env STOWAGE_PREFIX)."
                    + " Default: the whole bucket")
    String prefix;

    @Option(names = "--target", paramLabel = "DIR",
            description = "The directory to copy into, made if missing (env STOWAGE_TARGET). Required without --size")
    Path target;

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "The access key id (env STOWAGE_ACCESS_KEY_ID). Default: AWS_ACCESS_KEY_ID, else the Secret"
                    + " directory's accessKeyID")
    String accessKeyId;

    @Option(names = "--secret-dir", paramLabel = "DIR",
            description = "A mounted Secret, one file per key: accessKeyID, secretAccessKey, endpoint, region, caBundle"
                    + " (env STOWAGE_SECRET_DIR)")
    Path secretDir;

    @Option(names = "--ca-bundle", paramLabel = "FILE",
            description = "PEM certificates that verify an https endpoint (env STOWAGE_CA_BUNDLE). Default: the Secret"
                    + " directory's caBundle, else the system's trust store")
    Path caBundle;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Copy only keys (relative to the prefix) matching one of these globs; * and ? stay in a path"
                    + " segment, ** crosses them; repeatable, the variable gives one (env STOWAGE_INCLUDE)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Skip keys matching one of these globs; repeatable, the variable gives one (env STOWAGE_EXCLUDE)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + PopulateSettings.DEFAULT_PARALLEL,
            description = "Objects downloaded at once (env STOWAGE_PARALLEL). Default: ${DEFAULT-VALUE}")
    int parallel;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "" + PopulateSettings.DEFAULT_ATTEMPTS,
            description = "Tries per object before it counts as failed, with exponential backoff between them"
                    + " (env STOWAGE_ATTEMPTS). Default: ${DEFAULT-VALUE}")
    int attempts;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often a progress line is printed when stdout is not a terminal; 0 for none"
                    + " (env STOWAGE_PROGRESS_INTERVAL). Default: ${DEFAULT-VALUE}")
    String progressInterval;

    @Option(names = "--size", description = "Only count the objects and bytes a copy would take, download nothing"
            + " (env STOWAGE_SIZE)")
    boolean size;

    @Option(names = "--json", description = "With --size: print {\"objects\":N,\"bytes\":B,\"refused\":R} (env STOWAGE_JSON)")
    boolean json;

    @Option(names = {"--secret-key", "--secret-access-key"}, hidden = true, paramLabel = "KEY",
            description = "Refused: a secret on the command line shows in ps")
    String secretOnCommandLine;

    @Override
    public Integer call() throws Exception {
        if (spec.commandLine().getParseResult().hasMatchedOption("--secret-key")) {
            System.err.println("stowage populate: the secret key is not taken on the command line (ps shows it to"
                    + " everyone): set AWS_SECRET_ACCESS_KEY or STOWAGE_SECRET_ACCESS_KEY, or give --secret-dir");
            return 2;
        }
        Source source;
        KeyFilter filter;
        try {
            source = Source.resolve(new SourceOptions(endpoint, region, bucket, prefix, accessKeyId, caBundle, secretDir), env);
            filter = KeyFilter.of(includes, excludes);
            if (!size && target == null) {
                throw new IllegalArgumentException("--target is required (or --size)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("stowage populate: " + e.getMessage());
            return 2;
        }
        return size ? size(source, filter) : copy(source, filter);
    }

    private int size(Source source, KeyFilter filter) {
        try {
            SizeReport report = Populator.size(source, filter, attempts);
            System.out.println(json ? report.json() : report.text());
            return report.refused() > 0 ? PopulateResult.REFUSED : PopulateResult.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("stowage populate: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("stowage populate: " + e.getMessage());
            return PopulateResult.FAILED;
        }
    }

    private int copy(Source source, KeyFilter filter) throws InterruptedException {
        PopulateSettings settings;
        try {
            settings = new PopulateSettings(source, target, filter, parallel, attempts,
                    "0".equals(progressInterval.strip()) ? Duration.ZERO
                            : ServerConfig.parseDuration(progressInterval, "--progress-interval"));
        } catch (IllegalArgumentException e) {
            System.err.println("stowage populate: " + e.getMessage());
            return 2;
        }
        PopulateResult result = Populator.copy(settings, System.out, System.err, System.console() != null);
        System.out.println(result.summary());
        return result.exitCode();
    }
}
