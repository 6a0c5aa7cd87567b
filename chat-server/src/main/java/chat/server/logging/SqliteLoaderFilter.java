package chat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the lines SQLite's driver logs while it unpacks and loads its native library for {@code --log-level debug}:
 * each is an ERROR with a stack trace, and none is an operator's to act on. At each start the driver deletes the
 * libraries that JVMs killed earlier left in the temporary directory, and when two servers start at once the one that
 * finds a file already gone logged it; the load ahead of need ({@code SqlitePreload}) is a guess made before the
 * options are read, and a usage error may end the process while it runs (CI once saw its failure, an ERROR with a
 * stack trace, printed under the one-line usage error). A library that truly does not load fails again when the store
 * opens, which stops the start with one line saying what to check ({@code SqliteStore.open}). Public, for an
 * operator's own logback file ({@code <turboFilter class="chat.server.logging.SqliteLoaderFilter"/>},
 * docs/OPERATIONS.md "Logging").
 */
public final class SqliteLoaderFilter extends TurboFilter {
    private static final String LOADER = "org.sqlite.SQLiteJDBCLoader";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // the level itself: asking the logger (isDebugEnabled) would ask this filter again
        boolean debugging = Level.DEBUG.isGreaterOrEqual(logger.getEffectiveLevel());
        return LOADER.equals(logger.getName()) && !debugging ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
