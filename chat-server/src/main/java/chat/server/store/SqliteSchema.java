package chat.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables, version by version. A store is brought from the version it has ({@code PRAGMA
 * user_version}, 0 when new) to the newest, one version at a time, each in one transaction with its version
 * number: a crash in between leaves the store at the version before, to be taken up again at the next start. A
 * store newer than this server (written by a later release) is refused rather than misread.
 */
final class SqliteSchema {
    /** Version {@code i + 1} is made by {@code STEPS.get(i)}; only ever appended to. */
    private static final List<List<String>> STEPS = List.of(
            List.of( // 1: the public lines, by room and in order; who said them; their words, for search
                    "CREATE TABLE lines (id INTEGER PRIMARY KEY, room TEXT NOT NULL, said_at INTEGER NOT NULL,"
                            + " speaker TEXT NOT NULL, line TEXT NOT NULL)",
                    "CREATE INDEX lines_by_room ON lines (room, id)",
                    "CREATE INDEX lines_by_speaker ON lines (speaker)",
                    "CREATE INDEX lines_by_time ON lines (said_at)",
                    // the words only (the text is in lines.line), deletable by rowid
                    "CREATE VIRTUAL TABLE lines_text USING fts5 (text, content='', contentless_delete=1)"),
            List.of( // 2: private lines for a registered name that is away, until it logs in
                    "CREATE TABLE waiting (id INTEGER PRIMARY KEY, recipient TEXT NOT NULL, sender TEXT NOT NULL,"
                            + " said_at INTEGER NOT NULL, line TEXT NOT NULL)",
                    "CREATE INDEX waiting_by_recipient ON waiting (recipient, sender)",
                    "CREATE INDEX waiting_by_time ON waiting (said_at)"),
            List.of( // 3: when a registered name was last online, for what it missed
                    "CREATE TABLE seen (name TEXT PRIMARY KEY, at INTEGER NOT NULL)"),
            List.of( // 4: the registered names and the bans, each an entry as Accounts and Bans write them
                    "CREATE TABLE accounts (name TEXT PRIMARY KEY, entry TEXT NOT NULL)",
                    "CREATE TABLE bans (id INTEGER PRIMARY KEY, entry TEXT NOT NULL UNIQUE)"),
            List.of( // 5: no index of the lines by speaker: its entries, one place per speaker, made every commit
                    // touch hundreds of pages (a third of the writer's time); a purge reads the table instead
                    "DROP INDEX lines_by_speaker"),
            List.of( // 6: what is kept by name, such as the default room's topic
                    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            List.of( // 7: a burst of lines as one entry (Journal), its lines and words indexed when the writer has time
                    "CREATE TABLE journal (id INTEGER PRIMARY KEY, count INTEGER NOT NULL, lines BLOB NOT NULL)"));

    static final int VERSION = STEPS.size();

    private SqliteSchema() {}

    static void migrate(Connection c) throws SQLException {
        int version = version(c);
        if (version > VERSION) {
            throw new SQLException("its schema is version " + version + ", newer than this server's " + VERSION
                    + " (written by a later release); run that release, or restore a backup");
        }
        for (int next = version + 1; next <= VERSION; next++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(next - 1)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + next);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("schema version " + next + ": " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
