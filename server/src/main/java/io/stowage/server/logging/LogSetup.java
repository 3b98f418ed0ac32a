package io.stowage.server.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for the server process: everything on stderr in the chosen format,
 * Stowage's loggers at the chosen level, and the access log (when on) through a queue so that a
 * slow terminal never stalls a connection's event loop.
 */
public final class LogSetup {

    /** The text format: the request id right after the logger's name. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level [%thread] %logger{0} %X{reqId:-} %msg%n";
    private static final int ACCESS_QUEUE = 8192;

    private LogSetup() {
    }

    /**
     * @param level the level of Stowage's own loggers
     * @param accessLog whether to write one line per S3 request
     */
    public static void apply(LogFormat format, Level level, boolean accessLog) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ConsoleAppender<ILoggingEvent> console = console(context, format, "stderr");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("io.stowage").setLevel(level);

        Logger access = context.getLogger(AccessLog.LOGGER);
        access.setAdditive(false);
        access.setLevel(accessLog ? Level.INFO : Level.OFF);
        if (accessLog) {
            AsyncAppender queue = new AsyncAppender();
            queue.setContext(context);
            queue.setName("access-queue");
            queue.setQueueSize(ACCESS_QUEUE);
            // Keep every line: block (rather than drop) when the queue is full.
            queue.setDiscardingThreshold(0);
            queue.addAppender(console(context, format, "access"));
            queue.start();
            access.addAppender(queue);
        }
    }

    /** Writes out what the access log's queue still holds and stops logging: the last thing the process does. */
    public static void flush() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    /** Parses a level name, naming the setting when it is not one. */
    public static Level level(String value) {
        Level level = Level.toLevel(value.strip(), null);
        if (level == null) {
            throw new IllegalArgumentException("--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, was '" + value + "'");
        }
        return level;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, LogFormat format, String name) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(name);
        console.setTarget("System.err");
        console.setEncoder(encoder(context, format));
        console.start();
        return console;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonLogLayout layout = new JsonLogLayout();
            layout.setContext(context);
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(context);
            encoder.setLayout(layout);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
