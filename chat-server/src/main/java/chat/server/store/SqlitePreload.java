package chat.server.store;

import java.sql.DriverManager;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads SQLite's driver and native library on a thread of its own ({@code chat-store-preload}), so that the start
 * does it beside reading the options and starting the log rather than after them: about 0.4 s of the start on this
 * project's machine (the library is unpacked from the jar each time). What fails here fails again, and is reported,
 * when {@link SqliteStore#open} opens the store, which waits for what this has begun (a class is initialised once,
 * by one thread); what the driver logs meanwhile is kept for debug level
 * ({@code chat.server.logging.SqliteLoaderFilter}).
 * A class of its own, without a logger and without lambdas, so that starting it starts neither the log nor the JDK's
 * machinery for lambdas, which the thread would wait for.
 */
public final class SqlitePreload implements Runnable {
    private SqlitePreload() {}

    public static void start() {
        Thread preload = new Thread(new SqlitePreload(), "chat-store-preload");
        preload.setDaemon(true);
        preload.start();
    }

    @Override
    public void run() {
        try {
            SQLiteJDBCLoader.initialize();
            DriverManager.getDrivers(); // the drivers in the jar, which the first connection would load
        } catch (Exception | LinkageError e) {
            // SqliteStore.open meets it again and says so
        }
    }
}
