package chat.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite's driver loading its library speaks at DEBUG only; everyone else, the driver's other parts too, as set. */
class SqliteLoaderFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void setUp() {
        SqliteLoaderFilter filter = new SqliteLoaderFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        written.setContext(context);
        written.start();
        root.addAppender(written);
        root.setLevel(Level.INFO);
    }

    private void logAnError(String logger) {
        context.getLogger(logger).error("Failed to load native library", new UnsatisfiedLinkError("no sqlitejdbc"));
    }

    @Test
    void theLoadersErrorsAreKeptForDebug() {
        logAnError("org.sqlite.SQLiteJDBCLoader");
        assertThat(written.list).isEmpty();
        root.setLevel(Level.DEBUG);
        logAnError("org.sqlite.SQLiteJDBCLoader");
        assertThat(written.list).extracting(ILoggingEvent::getLoggerName).containsExactly("org.sqlite.SQLiteJDBCLoader");
    }

    @Test
    void othersPass() {
        logAnError("org.sqlite.core.NativeDB");
        logAnError("chat.server.store.Store");
        assertThat(written.list).extracting(ILoggingEvent::getLoggerName)
                .containsExactly("org.sqlite.core.NativeDB", "chat.server.store.Store");
    }
}
