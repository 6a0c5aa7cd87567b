package chat.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one error SQLite's driver logs that is nobody's to act on: at each start the driver deletes the native
 * libraries that JVMs killed earlier left in the temporary directory, and when two servers start at once both try to
 * delete the same file, so the one that loses logged "Failed to delete old native lib" with a stack trace (a
 * leftover it may not delete, someone else's, does it every time). Nothing is wrong with this server: its own library is
 * a new file. Every other line of the driver's passes, and a library that does not load stops the start with
 * SQLite's own reason ({@code SqliteStore.open}). Public, for an operator's own logback file
 * ({@code <turboFilter class="chat.server.logging.SqliteCleanupFilter"/>}, docs/OPERATIONS.md "Logging").
 */
public final class SqliteCleanupFilter extends TurboFilter {
    private static final String LOADER = "org.sqlite.SQLiteJDBCLoader";
    private static final String CLEANUP_FAILED = "Failed to delete old native lib";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return CLEANUP_FAILED.equals(format) && LOADER.equals(logger.getName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
