package chat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store on a real file: the contract, and its schema and what it refuses. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    Store create() {
        return SqliteStore.open(dir);
    }

    @Override
    Store reopen() {
        return SqliteStore.open(dir);
    }

    @Test
    void itsSchemaIsAtTheNewestVersion() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE))) {
            assertThat(SqliteSchema.version(c)).isEqualTo(SqliteSchema.VERSION);
        }
    }

    @Test
    void aStoreOfALaterReleaseIsRefusedNotMisread() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (SqliteSchema.VERSION + 1));
        }
        assertThatThrownBy(() -> SqliteStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this server's " + SqliteSchema.VERSION);
    }

    @Test
    void aFileThatIsNoDatabaseIsOneClearError() throws Exception {
        store.close();
        Files.writeString(dir.resolve(SqliteStore.FILE), "not a database, just words that fill the header page");
        Files.deleteIfExists(dir.resolve(SqliteStore.FILE + "-wal"));
        Files.deleteIfExists(dir.resolve(SqliteStore.FILE + "-shm"));
        assertThatThrownBy(() -> SqliteStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the store " + dir.resolve(SqliteStore.FILE));
    }
}
