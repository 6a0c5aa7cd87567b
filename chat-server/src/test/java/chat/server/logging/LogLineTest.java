package chat.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's log line is what logback's pattern for it writes, without the pattern's cost at start. */
class LogLineTest {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %-8X{conn} %msg%n";
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(Level level, String conn, String message, Throwable failure, Object... arguments) {
        LoggingEvent event = new LoggingEvent("chat.server.Test", context.getLogger("chat.server.Test"), level, message,
                failure, arguments);
        event.setTimeStamp(1_795_000_123_456L);
        event.setMDCPropertyMap(conn == null ? Map.of() : Map.of("conn", conn));
        return event;
    }

    private String pattern(LoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        return layout.doLayout(event);
    }

    private String line(LoggingEvent event) {
        LogLine layout = new LogLine();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void aLineIsWhatThePatternWrites() {
        for (LoggingEvent event : new LoggingEvent[] {
                event(Level.INFO, "#17", "{} logged in from {} ({} online)", null, "alice", "127.0.0.1", 3),
                event(Level.WARN, null, "Refusing connections: THROTTLED", null),
                event(Level.DEBUG, "#123456789", "a connection number longer than its column", null),
                event(Level.ERROR, "#2", "Unexpected failure writing to a connection", new IllegalStateException("broken"))}) {
            assertThat(line(event)).isEqualTo(pattern(event));
        }
    }

    @Test
    void aFailureIsFollowedByItsTrace() {
        String line = line(event(Level.ERROR, "#2", "Unexpected failure", new IllegalStateException("broken")));
        assertThat(line).contains("ERROR #2       Unexpected failure").contains("java.lang.IllegalStateException: broken")
                .contains("\tat chat.server.logging.LogLineTest");
    }
}
