package io.stowage.cli;

import io.stowage.server.logging.LogFormat;
import io.stowage.server.logging.LogSetup;
import picocli.CommandLine.Option;

/** The logging options `stowage server` and `stowage operator` share. */
final class LogOptions {

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "Log lines as text or as one JSON object per line (env STOWAGE_LOG_FORMAT). Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "Level of Stowage's own log lines: ERROR, WARN, INFO, DEBUG, TRACE (env STOWAGE_LOG_LEVEL)."
                    + " Default: ${DEFAULT-VALUE}")
    String level;

    /**
     * Configures logging for the process.
     *
     * @throws IllegalArgumentException naming the option whose value is not valid
     */
    void apply(boolean accessLog) {
        LogSetup.apply(LogFormat.parse(format), LogSetup.level(level), accessLog);
    }
}
