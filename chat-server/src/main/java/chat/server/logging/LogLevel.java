package chat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** {@code --log-level}: how much the server logs, from the command line rather than a logback file. */
public final class LogLevel {
    public static final List<String> NAMES = List.of("error", "warn", "info", "debug", "trace");

    private LogLevel() {}

    /** @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES} */
    public static void apply(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(lower)) {
            throw new IllegalArgumentException("--log-level must be one of " + String.join(", ", NAMES) + ", not '" + name + "'");
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.toLevel(lower));
        }
    }
}
