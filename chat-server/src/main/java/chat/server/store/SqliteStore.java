package chat.server.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.sqlite.NativeLibraryNotFoundException;

/**
 * The store in one SQLite file (docs/OPERATIONS.md, "The store"). Write-ahead logging, so that reads never wait
 * for the writer nor the writer for them; {@code synchronous=NORMAL}: a commit survives a crash of the server,
 * and a power cut may lose the last commits but never damages the file. A line's words are in an FTS5 index
 * without a copy of the text ({@code lines_text}, by the line's id).
 */
public final class SqliteStore extends JdbcStore {
    /** The name of the file in the data directory. */
    public static final String FILE = "chat.db";

    private SqliteStore(Path file, Connection writer) throws SQLException {
        super(file.toString(), () -> connect(file, false), () -> connect(file, true), writer);
    }

    /** Opens (making it if need be) the store in {@code dir}, its schema brought up to date first. */
    public static SqliteStore open(Path dir) {
        Path file = dir.resolve(FILE);
        Connection writer = null;
        try {
            writer = connect(file, true);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            SqliteSchema.migrate(writer);
            return new SqliteStore(file, writer);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open the store " + file + ": " + reason(e), e);
        }
    }

    /**
     * Why SQLite could not open the file, for the operator. The driver unpacks its native library into the temporary
     * directory at each start; when it cannot, it says only "Error opening connection" and, beneath, that no library
     * was found, which sends one looking in the wrong place.
     */
    private static String reason(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NativeLibraryNotFoundException || cause instanceof UnsatisfiedLinkError) {
                String dir = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
                return "SQLite's native library did not load from " + dir + ", where it is unpacked at each start:"
                        + " that directory must exist, be writable, and not be mounted noexec"
                        + " (-Dorg.sqlite.tmpdir=DIR names another)";
            }
        }
        return e.getMessage();
    }

    /**
     * @param writer whether its transactions may write (the writer's, and the one for small changes): they take
     *     the write lock as they begin ({@code BEGIN IMMEDIATE}, waiting as long as the busy timeout). One that
     *     began by reading could not write once the other had written or while it writes: its batch of lines, or
     *     a welcome back, failed at once with {@code SQLITE_BUSY}. The reading connection's transactions stay
     *     deferred: its reads must not hold up the writer.
     */
    private static Connection connect(Path file, boolean writer) throws SQLException {
        Properties properties = new Properties();
        if (writer) {
            properties.setProperty("transaction_mode", "IMMEDIATE");
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=10000"); // a checkpoint may hold the file a moment
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    @Override
    boolean journals() {
        return true;
    }

    /** Lines and their words in two batches, by ids given here: the next after the last (the writer's alone). */
    @Override
    void insert(Connection c, List<Said> lines) throws SQLException {
        long id;
        try (Statement s = c.createStatement(); ResultSet last = s.executeQuery("SELECT coalesce(max(id), 0) FROM lines")) {
            last.next();
            id = last.getLong(1);
        }
        try (PreparedStatement line = c.prepareStatement(
                        "INSERT INTO lines(id, room, said_at, speaker, line) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement text = c.prepareStatement("INSERT INTO lines_text(rowid, text) VALUES (?, ?)")) {
            for (Said said : lines) {
                id++;
                line.setLong(1, id);
                line.setString(2, said.roomKey());
                line.setLong(3, said.epochMillis());
                line.setString(4, said.speakerKey());
                line.setString(5, new String(said.line(), StandardCharsets.UTF_8));
                line.addBatch();
                text.setLong(1, id);
                text.setString(2, SearchWords.of(said.text()));
                text.addBatch();
            }
            line.executeBatch();
            text.executeBatch();
        }
    }

    @Override
    int deleteLines(Connection c, String condition, Object value) throws SQLException {
        update(c, "DELETE FROM lines_text WHERE rowid IN (SELECT id FROM lines WHERE " + condition + ")", value);
        return update(c, "DELETE FROM lines WHERE " + condition, value);
    }

    @Override
    String searchQuery(int rooms) {
        // the words as one quoted phrase (they hold letters, digits and spaces only)
        return "SELECT l.id, l.room, l.said_at, l.line FROM lines_text JOIN lines l ON l.id = lines_text.rowid"
                + " WHERE lines_text MATCH '\"' || ? || '\"' AND l.room IN (" + marks(rooms) + ")"
                + " ORDER BY lines_text.rowid DESC LIMIT ?";
    }
}
