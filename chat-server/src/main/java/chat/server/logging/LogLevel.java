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

    /**
     * Checks {@code name} without starting the log (a usage error ends before it does).
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
     */
    public static void check(String name) {
        if (!NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-level must be one of " + String.join(", ", NAMES) + ", not '" + name + "'");
        }
    }

    /** @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES} */
    public static void apply(String name) {
        check(name);
        String lower = name.toLowerCase(Locale.ROOT);
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.toLevel(lower));
        }
    }
}
