package chat.server.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Writes out what the background appender still holds before the process exits (waiting at most 1 s). */
public final class LogShutdown {
    private LogShutdown() {}

    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }
    }
}
