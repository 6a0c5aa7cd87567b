package chat.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables in PostgreSQL, version by version, as {@link SqliteSchema} in SQLite: the version in a
 * table of its own ({@code chat_schema}), each step in one transaction with it. Nodes starting at once take
 * turns (an advisory lock held for the transaction), so a step is never run twice.
 */
final class PostgresSchema {
    /** Version {@code i + 1} is made by {@code STEPS.get(i)}; only ever appended to. */
    private static final List<List<String>> STEPS = List.of(
            List.of( // 1: the public lines, by room and in order; who said them; their words (SearchWords), for search
                    "CREATE TABLE lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, room text NOT NULL,"
                            + " said_at bigint NOT NULL, speaker text NOT NULL, line text NOT NULL, words tsvector NOT NULL)",
                    "CREATE INDEX lines_by_room ON lines (room, id)",
                    "CREATE INDEX lines_by_speaker ON lines (speaker)",
                    "CREATE INDEX lines_by_time ON lines (said_at)",
                    "CREATE INDEX lines_by_words ON lines USING gin (words)"),
            List.of( // 2: private lines for a registered name that is away, until it logs in
                    "CREATE TABLE waiting (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, recipient text NOT NULL,"
                            + " sender text NOT NULL, said_at bigint NOT NULL, line text NOT NULL)",
                    "CREATE INDEX waiting_by_recipient ON waiting (recipient, sender)",
                    "CREATE INDEX waiting_by_time ON waiting (said_at)"),
            List.of( // 3: when a registered name was last online, for what it missed
                    "CREATE TABLE seen (name text PRIMARY KEY, at bigint NOT NULL)"),
            List.of( // 4: the registered names and the bans, each an entry as Accounts and Bans write them
                    "CREATE TABLE accounts (name text PRIMARY KEY, entry text NOT NULL)",
                    "CREATE TABLE bans (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry text NOT NULL UNIQUE)"),
            List.of( // 5: what is kept by name, such as the default room's topic
                    "CREATE TABLE settings (name text PRIMARY KEY, value text NOT NULL)"));

    static final int VERSION = STEPS.size();
    private static final long LOCK = 0x63686174L; // "chat": the advisory lock the nodes take turns with

    private PostgresSchema() {}

    static void migrate(Connection c) throws SQLException {
        JdbcStore.inTransaction(c, t -> {
            try (Statement s = t.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS chat_schema (version integer NOT NULL)");
            }
            return null;
        });
        for (int next = version(c) + 1; next <= VERSION; next++) {
            int step = next;
            JdbcStore.inTransaction(c, t -> {
                try (Statement s = t.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                    if (version(t) >= step) {
                        return null; // another node made it meanwhile
                    }
                    for (String sql : STEPS.get(step - 1)) {
                        s.execute(sql);
                    }
                    s.execute("DELETE FROM chat_schema");
                    s.execute("INSERT INTO chat_schema (version) VALUES (" + step + ")");
                    return null;
                } catch (SQLException e) {
                    throw new SQLException("schema version " + step + ": " + e.getMessage(), e);
                }
            });
        }
        int version = version(c);
        if (version > VERSION) {
            throw new SQLException("its schema is version " + version + ", newer than this server's " + VERSION
                    + " (written by a later release); run that release, or restore a backup");
        }
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT max(version) FROM chat_schema")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
