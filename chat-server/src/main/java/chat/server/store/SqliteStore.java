package chat.server.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The store in one SQLite file (docs/OPERATIONS.md, "The store"). Write-ahead logging, so that reads never wait
 * for the writer nor the writer for them; {@code synchronous=NORMAL}: a commit survives a crash of the server,
 * and a power cut may lose the last commits but never damages the file. One connection writes the public lines
 * (the writer's thread), one reads (and keeps the few waiting private lines), each used by one thread at a time.
 */
public final class SqliteStore implements Store {
    /** The name of the file in the data directory. */
    public static final String FILE = "chat.db";

    private final Path file;
    private final Connection writer; // the writer thread's
    private final Connection reader; // guarded by itself

    private SqliteStore(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (making it if need be) the store in {@code dir}, its schema brought up to date first. */
    public static SqliteStore open(Path dir) {
        Path file = dir.resolve(FILE);
        Connection writer = null;
        try {
            writer = connect(file);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            SqliteSchema.migrate(writer);
            return new SqliteStore(file, writer, connect(file));
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=10000"); // a checkpoint may hold the file a moment
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    @Override
    public void keep(List<Said> lines) {
        try (PreparedStatement line = writer.prepareStatement(
                        "INSERT INTO lines(room, said_at, speaker, line) VALUES (?, ?, ?, ?)");
                PreparedStatement text = writer.prepareStatement(
                        "INSERT INTO lines_text(rowid, text) VALUES (last_insert_rowid(), ?)")) {
            writer.setAutoCommit(false);
            for (Said said : lines) {
                line.setString(1, said.roomKey());
                line.setLong(2, said.epochMillis());
                line.setString(3, said.speakerKey());
                line.setString(4, new String(said.line(), StandardCharsets.UTF_8));
                line.executeUpdate();
                text.setString(1, said.text());
                text.executeUpdate();
            }
            writer.commit();
        } catch (SQLException e) {
            rollback();
            throw failed("keep " + lines.size() + " lines", e);
        } finally {
            autoCommit(writer);
        }
    }

    @Override
    public int forget(String speakerKey) {
        return deleteWhere("speaker = ?", speakerKey);
    }

    @Override
    public int expire(long epochMillis) {
        int waiting;
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM waiting WHERE said_at < ?")) {
            delete.setLong(1, epochMillis);
            waiting = delete.executeUpdate();
        } catch (SQLException e) {
            throw failed("delete old waiting lines", e);
        }
        return waiting + deleteWhere("said_at < ?", epochMillis);
    }

    /** Deletes the lines that match {@code condition} (one parameter), and their words. */
    private int deleteWhere(String condition, Object value) {
        try (PreparedStatement words = writer.prepareStatement(
                        "DELETE FROM lines_text WHERE rowid IN (SELECT id FROM lines WHERE " + condition + ")");
                PreparedStatement lines = writer.prepareStatement("DELETE FROM lines WHERE " + condition)) {
            writer.setAutoCommit(false);
            words.setObject(1, value);
            words.executeUpdate();
            lines.setObject(1, value);
            int deleted = lines.executeUpdate();
            writer.commit();
            return deleted;
        } catch (SQLException e) {
            rollback();
            throw failed("delete lines", e);
        } finally {
            autoCommit(writer);
        }
    }

    @Override
    public List<StoredLine> latest(String roomKey, int count) {
        return before(roomKey, Long.MAX_VALUE, count);
    }

    @Override
    public List<StoredLine> before(String roomKey, long beforeId, int count) {
        List<StoredLine> lines = read("SELECT id, room, said_at, line FROM lines WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?",
                roomKey, beforeId, count);
        Collections.reverse(lines);
        return lines;
    }

    @Override
    public List<StoredLine> search(String text, Collection<String> roomKeys, int count) {
        if (roomKeys.isEmpty()) {
            return List.of();
        }
        // the words as one phrase: whatever the text holds (quotes, AND, *, ^), it is words to find, never syntax;
        // a control character (NUL ends SQLite's reading of the query) is a space between words
        String phrase = '"' + text.replaceAll("\\p{Cc}", " ").replace("\"", "\"\"") + '"';
        List<Object> values = new ArrayList<>();
        values.add(phrase);
        StringBuilder in = new StringBuilder();
        for (String roomKey : roomKeys) {
            in.append(in.length() == 0 ? "?" : ", ?");
            values.add(roomKey);
        }
        values.add(count);
        return read("SELECT l.id, l.room, l.said_at, l.line FROM lines_text JOIN lines l ON l.id = lines_text.rowid"
                + " WHERE lines_text MATCH ? AND l.room IN (" + in + ") ORDER BY lines_text.rowid DESC LIMIT ?",
                values.toArray());
    }

    // The waiting lines are written on the reading connection: each is one small transaction on a member's
    // thread, rare beside the public lines, and SQLite serialises it with the writer's.

    @Override
    public int keepWaiting(String recipientKey, String senderKey, long epochMillis, byte[] line, int mostPerRecipient,
            int mostPerSender) {
        synchronized (reader) {
            try (PreparedStatement count = reader.prepareStatement(
                            "SELECT count(*), coalesce(sum(sender = ?), 0) FROM waiting WHERE recipient = ?");
                    PreparedStatement insert = reader.prepareStatement(
                            "INSERT INTO waiting (recipient, sender, said_at, line) VALUES (?, ?, ?, ?)")) {
                reader.setAutoCommit(false);
                count.setString(1, senderKey);
                count.setString(2, recipientKey);
                int waiting;
                int fromSender;
                try (ResultSet r = count.executeQuery()) {
                    r.next();
                    waiting = r.getInt(1);
                    fromSender = r.getInt(2);
                }
                if (waiting >= mostPerRecipient || fromSender >= mostPerSender) {
                    reader.rollback();
                    return 0;
                }
                insert.setString(1, recipientKey);
                insert.setString(2, senderKey);
                insert.setLong(3, epochMillis);
                insert.setString(4, new String(line, StandardCharsets.UTF_8));
                insert.executeUpdate();
                reader.commit();
                return waiting + 1;
            } catch (SQLException e) {
                rollbackReader();
                throw failed("keep a waiting line", e);
            } finally {
                autoCommit(reader);
            }
        }
    }

    @Override
    public List<StoredLine> takeWaiting(String recipientKey) {
        synchronized (reader) {
            try (PreparedStatement delete = reader.prepareStatement("DELETE FROM waiting WHERE recipient = ?")) {
                reader.setAutoCommit(false);
                List<StoredLine> lines = readLocked(
                        "SELECT id, recipient, said_at, line FROM waiting WHERE recipient = ? ORDER BY id", recipientKey);
                delete.setString(1, recipientKey);
                delete.executeUpdate();
                reader.commit();
                return lines;
            } catch (SQLException e) {
                rollbackReader();
                throw failed("take the waiting lines", e);
            } finally {
                autoCommit(reader);
            }
        }
    }

    @Override
    public int forgetWaiting(String recipientKey) {
        synchronized (reader) {
            try (PreparedStatement delete = reader.prepareStatement("DELETE FROM waiting WHERE recipient = ?")) {
                delete.setString(1, recipientKey);
                return delete.executeUpdate();
            } catch (SQLException e) {
                throw failed("delete the waiting lines", e);
            }
        }
    }

    private List<StoredLine> read(String sql, Object... values) {
        synchronized (reader) {
            try {
                return readLocked(sql, values);
            } catch (SQLException e) {
                throw failed("read lines", e);
            }
        }
    }

    /** Rows of (id, room or recipient, said_at, line) as {@link StoredLine}s; the caller holds the reader. */
    private List<StoredLine> readLocked(String sql, Object... values) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                query.setObject(i + 1, values[i]);
            }
            List<StoredLine> lines = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new StoredLine(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            rows.getString(4).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return lines;
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            // the connection is broken: the next use says so
        }
    }

    private void rollbackReader() {
        try {
            reader.rollback();
        } catch (SQLException e) {
            // as above
        }
    }

    private static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // as above
        }
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException("the store " + file + " could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        synchronized (reader) {
            closeQuietly(reader);
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
