package io.stowage.server.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.LoggerFactory;

/**
 * Records everything Stowage logs during a test class, at DEBUG, as it would be written: message
 * with its arguments, MDC and exceptions. Register it before {@link StowageServerExtension} to
 * also see what the server logs while it starts.
 */
public final class LogCapture implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(render(event));
        }
    };
    private Level stowageLevel;

    @Override
    public void beforeAll(ExtensionContext context) {
        LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger stowage = loggers.getLogger("io.stowage");
        stowageLevel = stowage.getLevel();
        stowage.setLevel(Level.DEBUG);
        appender.setContext(loggers);
        appender.start();
        loggers.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
        loggers.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        loggers.getLogger("io.stowage").setLevel(stowageLevel);
    }

    /** The lines logged so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getMDCPropertyMap()).append(' ').append(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            line.append(" args=").append(Arrays.deepToString(event.getArgumentArray()));
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LogCapture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }
}
