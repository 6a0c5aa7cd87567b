package chat.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the server's log: {@code 2026-11-22 14:02:12.001 INFO  #1       alice logged in ...}, the time, the level
 * and the connection ({@code conn}, set on each session's threads) padded to 5 and 8, the message, and a failure's
 * trace below it if there is one; what logback's pattern {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %-8X{conn}
 * %msg%n} writes. Written out rather than parsed from that pattern: logback's pattern machinery (its converters, each
 * made through a lambda) took 0.3 s of the server's start.
 */
final class LogLine extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        WHEN.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        line.append(' ');
        padded(line, event.getLevel().toString(), 5);
        String conn = event.getMDCPropertyMap().get("conn");
        padded(line, conn == null ? "" : conn, 8);
        line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy failure = event.getThrowableProxy();
        if (failure != null) {
            line.append(ThrowableProxyUtil.asString(failure)); // each line of the trace ends with a line separator
        }
        return line.toString();
    }

    /** {@code text}, then spaces up to {@code width}, then one more. */
    private static void padded(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        line.append(' ');
    }
}
