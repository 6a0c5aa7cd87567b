package chat.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two engines share: the tables (the same columns in both), three connections (the writer thread's
 * for the lines, one for reads, one for members' small changes: waiting lines, settings, accounts), and the SQL
 * that reads the same in both. An engine says how a line's words are kept and searched ({@link #insert}, {@link
 * #deleteLines}, {@link #searchQuery}) and how its connections are made.
 */
abstract class JdbcStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

    /** A connection's work in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Makes a connection, ready for use (an engine's settings applied). */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final String name; // for messages: the file, or the database without its password
    private final Connector writing;
    private Connection writer; // the writer thread's
    private final Shared reader; // reads for members: history, search, settings, the accounts and bans
    private final Shared changer; // members' small changes, which may read first: waiting lines, settings, accounts
    private final AtomicLong journaled = new AtomicLong(); // lines in journal entries, not yet indexed
    /** A journal entry's count of lines, read as hostile: what is counted in and out alike, never below 0. */
    private static final String ENTRY_COUNT = "max(0, min(count, 100000))";
    /** An entry larger than this is not read (the writer's batches are at most half a MiB). */
    private static final int MAX_ENTRY_BYTES = 4 << 20;
    /** Lines a read's catching up indexes in one transaction, and so holds in memory, at most: then it goes on. */
    private static final int CATCH_UP_LINES = 5_000;

    /** What one pass over the journal took out: lines as its entries count them, up to the entry {@code lastId} (-1: none). */
    private record Indexed(long lines, long lastId) {}

    /**
     * @param reading makes the reading connection
     * @param writing makes connections whose transactions may write after reading ({@code writer}'s kind): the
     *     writer's when it must connect again, and the one for small changes
     */
    JdbcStore(String name, Connector reading, Connector writing, Connection writer) throws SQLException {
        this.name = name;
        this.writing = writing;
        this.writer = writer;
        this.reader = new Shared(reading, reading.connect());
        this.changer = new Shared(writing, null);
        if (journals()) {
            try (PreparedStatement count = writer.prepareStatement("SELECT coalesce(sum(" + ENTRY_COUNT + "), 0) FROM journal");
                    ResultSet r = count.executeQuery()) {
                r.next();
                journaled.set(r.getLong(1));
            }
        }
    }

    /**
     * Whether {@link #journal} keeps a batch as one journal entry, its lines indexed later (SQLite, whose writer
     * shares the chat's core), or indexes them at once (PostgreSQL, a server of its own).
     */
    abstract boolean journals();

    /** Inserts {@code lines} and their words, in the writer's open transaction. */
    abstract void insert(Connection c, List<Said> lines) throws SQLException;

    /** Deletes the lines that match {@code condition} (one parameter, {@code value}) and their words; how many. */
    abstract int deleteLines(Connection c, String condition, Object value) throws SQLException;

    /**
     * The query for {@link #search}: rows of (id, room, said_at, line), newest first; parameters the words to
     * find ({@link SearchWords}), then each of {@code rooms} room keys, then the count.
     */
    abstract String searchQuery(int rooms);

    @Override
    public void keep(List<Said> lines) {
        onWriter("keep " + lines.size() + " lines", c -> {
            insert(c, lines);
            return null;
        });
    }

    @Override
    public void journal(List<Heard> lines) {
        if (!journals()) {
            List<Said> said = lines.stream().map(Journal::said).filter(java.util.Objects::nonNull).toList();
            if (!said.isEmpty()) {
                keep(said);
            }
            return;
        }
        onWriter("keep " + lines.size() + " lines", c -> update(c, "INSERT INTO journal (count, lines) VALUES (?, ?)",
                lines.size(), Journal.encode(lines)));
        journaled.addAndGet(lines.size());
    }

    @Override
    public int index(int most) {
        return journaled.get() == 0 ? 0 : indexed(onWriter("index lines", c -> indexIn(c, most, Long.MAX_VALUE)).lines());
    }

    @Override
    public long journaled() {
        return journaled.get();
    }

    /**
     * Before a read that could show them: the lines journaled until now indexed (on the connection for changes,
     * as the writer may be busy), so that every line whose echo was sent is found; {@value #CATCH_UP_LINES} at a
     * time, so memory stays bounded whatever the journal holds, and never those journaled meanwhile, so a flood
     * cannot keep a read waiting.
     */
    private void catchUp() {
        if (journaled.get() == 0) {
            return;
        }
        long upTo = onChanger("read the journal", c -> {
            try (PreparedStatement last = c.prepareStatement("SELECT coalesce(max(id), -1) FROM journal");
                    ResultSet row = last.executeQuery()) {
                return row.next() ? row.getLong(1) : -1L;
            }
        });
        while (upTo >= 0) {
            Indexed step = onChanger("index lines", c -> indexIn(c, CATCH_UP_LINES, upTo));
            indexed(step.lines());
            if (step.lastId() < 0 || step.lastId() >= upTo) {
                return; // all that was journaled before this read is indexed (some of it by the writer meanwhile)
            }
        }
    }

    /** Counts {@code taken} lines out of the journal (indexed, or dropped as unreadable); how many. */
    private int indexed(long taken) {
        journaled.addAndGet(-taken);
        return (int) Math.min(taken, Integer.MAX_VALUE);
    }

    /**
     * Moves the oldest journal entries up to the entry {@code upTo}, about {@code most} lines, into the lines and
     * their words, in {@code c}'s transaction; an entry that cannot be read is dropped (logged). Another connection
     * doing the same waits for this one's write lock, then finds them gone.
     */
    private Indexed indexIn(Connection c, int most, long upTo) throws SQLException {
        List<Said> lines = new ArrayList<>();
        long taken = 0;
        long last = -1;
        try (PreparedStatement query = c.prepareStatement("SELECT id, " + ENTRY_COUNT + ", length(lines) FROM journal WHERE id <= ? ORDER BY id");
                PreparedStatement entry = c.prepareStatement("SELECT lines FROM journal WHERE id = ?")) {
            query.setLong(1, upTo);
            ResultSet rows = query.executeQuery(); // closed with its statement
            while (taken < most && rows.next()) {
                last = rows.getLong(1);
                taken += rows.getLong(2);
                try {
                    if (rows.getLong(3) > MAX_ENTRY_BYTES) {
                        throw new IllegalArgumentException("an entry of " + rows.getLong(3) + " bytes");
                    }
                    entry.setLong(1, last);
                    byte[] bytes;
                    try (ResultSet one = entry.executeQuery()) {
                        bytes = one.next() ? one.getBytes(1) : new byte[0];
                    }
                    for (Heard heard : Journal.decode(bytes)) {
                        Said said = Journal.said(heard);
                        if (said != null) {
                            lines.add(said);
                        }
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("A journal entry of the store could not be read, so its lines are not kept: {}", e.getMessage());
                }
            }
        }
        if (last < 0) {
            return new Indexed(0, -1);
        }
        if (!lines.isEmpty()) {
            insert(c, lines);
        }
        update(c, "DELETE FROM journal WHERE id <= ?", last);
        return new Indexed(taken, last);
    }

    @Override
    public int forget(String speakerKey) {
        catchUp();
        return onWriter("delete lines", c -> update(c, "DELETE FROM waiting WHERE sender = ?", speakerKey)
                + deleteLines(c, "speaker = ?", speakerKey));
    }

    @Override
    public int expire(long epochMillis) {
        catchUp();
        return onWriter("delete old lines", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM waiting WHERE said_at < ?")) {
                delete.setLong(1, epochMillis);
                return delete.executeUpdate() + deleteLines(c, "said_at < ?", epochMillis);
            }
        });
    }

    @Override
    public List<StoredLine> latest(String roomKey, int count) {
        return before(roomKey, Long.MAX_VALUE, Long.MAX_VALUE, count);
    }

    @Override
    public List<StoredLine> before(String roomKey, long beforeId, long beforeMillis, int count) {
        catchUp();
        List<StoredLine> lines = onReader("read lines", c -> rows(c, "SELECT id, room, said_at, line FROM lines"
                        + " WHERE room = ? AND id < ? AND said_at < ? ORDER BY id DESC LIMIT ?",
                roomKey, beforeId, beforeMillis, count));
        Collections.reverse(lines);
        return lines;
    }

    @Override
    public long idOf(String roomKey, long epochMillis, byte[] line) {
        catchUp();
        List<StoredLine> found = onReader("find a line", c -> rows(c, "SELECT id, room, said_at, line FROM lines"
                + " WHERE said_at = ? AND room = ? AND line = ? ORDER BY id DESC LIMIT 1",
                epochMillis, roomKey, new String(line, StandardCharsets.UTF_8)));
        return found.isEmpty() ? -1 : found.get(0).id();
    }

    @Override
    public List<StoredLine> search(String text, Collection<String> roomKeys, int count) {
        String words = SearchWords.of(text);
        if (roomKeys.isEmpty() || words.isEmpty()) {
            return List.of();
        }
        catchUp();
        List<Object> values = new ArrayList<>();
        values.add(words);
        values.addAll(roomKeys);
        values.add(count);
        return onReader("search", c -> rows(c, searchQuery(roomKeys.size()), values.toArray()));
    }

    /** {@code count} question marks between commas: an IN list's parameters. */
    static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    // The waiting lines, settings, welcomes, accounts and bans are changed on a connection of their own: each
    // is one small transaction on a member's thread, rare beside the public lines.

    @Override
    public int keepWaiting(String recipientKey, String senderKey, long epochMillis, byte[] line, int mostPerRecipient,
            int mostPerSender) {
        return onChanger("keep a waiting line", c -> {
            int waiting;
            int fromSender;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT count(*), coalesce(sum(CASE WHEN sender = ? THEN 1 ELSE 0 END), 0) FROM waiting WHERE recipient = ?")) {
                count.setString(1, senderKey);
                count.setString(2, recipientKey);
                try (ResultSet r = count.executeQuery()) {
                    r.next();
                    waiting = r.getInt(1);
                    fromSender = r.getInt(2);
                }
            }
            if (waiting >= mostPerRecipient || fromSender >= mostPerSender) {
                return 0;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO waiting (recipient, sender, said_at, line) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, recipientKey);
                insert.setString(2, senderKey);
                insert.setLong(3, epochMillis);
                insert.setString(4, new String(line, StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
            return waiting + 1;
        });
    }

    @Override
    public List<StoredLine> takeWaiting(String recipientKey) {
        return onChanger("take the waiting lines", c -> {
            List<StoredLine> lines = rows(c,
                    "SELECT id, recipient, said_at, line FROM waiting WHERE recipient = ? ORDER BY id", recipientKey);
            update(c, "DELETE FROM waiting WHERE recipient = ?", recipientKey);
            return lines;
        });
    }

    @Override
    public int forgetAccount(String nameKey) {
        return onChanger("delete the waiting lines", c -> {
            update(c, "DELETE FROM seen WHERE name = ?", nameKey);
            return update(c, "DELETE FROM waiting WHERE recipient = ?", nameKey);
        });
    }

    @Override
    public void seen(String nameKey, long epochMillis) {
        onChanger("note a name as seen", c -> seenIn(c, nameKey, epochMillis));
    }

    private static int seenIn(Connection c, String nameKey, long epochMillis) throws SQLException {
        return update(c, "INSERT INTO seen (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
                nameKey, epochMillis);
    }

    @Override
    public Absence welcomeBack(String nameKey, String roomKey, long epochMillis) {
        catchUp();
        return onChanger("count the lines missed", c -> {
            Absence absence = null;
            try (PreparedStatement last = c.prepareStatement("SELECT at FROM seen WHERE name = ?")) {
                last.setString(1, nameKey);
                try (ResultSet r = last.executeQuery()) {
                    if (r.next()) {
                        absence = new Absence(r.getLong(1), 0);
                    }
                }
            }
            if (absence != null) {
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM lines"
                        + " WHERE said_at > ? AND room = ? AND speaker <> ? LIMIT " + MOST_MISSED + ") AS missed")) {
                    count.setLong(1, absence.since());
                    count.setString(2, roomKey);
                    count.setString(3, nameKey);
                    try (ResultSet r = count.executeQuery()) {
                        r.next();
                        absence = new Absence(absence.since(), r.getInt(1));
                    }
                }
            }
            seenIn(c, nameKey, epochMillis);
            return absence;
        });
    }

    @Override
    public String setting(String name) {
        return onReader("read a setting", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void keepSetting(String name, String value) {
        onChanger("keep a setting", c -> value == null ? update(c, "DELETE FROM settings WHERE name = ?", name)
                : update(c, "INSERT INTO settings (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value));
    }

    // The callers of the accounts and bans keep them in files without a store, so a failure here is an
    // IOException as a file's is.

    private <T> T forRegistry(Shared connection, String what, Work<T> work) throws IOException {
        try {
            return connection.run(what, work);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> accounts() throws IOException {
        return forRegistry(reader, "read the accounts", c -> {
            Map<String, String> accounts = new TreeMap<>();
            try (PreparedStatement query = c.prepareStatement("SELECT name, entry FROM accounts");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    accounts.put(rows.getString(1), rows.getString(2));
                }
            }
            return accounts;
        });
    }

    @Override
    public void keepAccount(String nameKey, String entry) throws IOException {
        forRegistry(changer, "keep an account", c -> keepAccountIn(c, nameKey, entry));
    }

    private static int keepAccountIn(Connection c, String nameKey, String entry) throws SQLException {
        return entry == null ? update(c, "DELETE FROM accounts WHERE name = ?", nameKey)
                : update(c, "INSERT INTO accounts (name, entry) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET entry = excluded.entry", nameKey, entry);
    }

    @Override
    public void replaceAccounts(Map<String, String> entries) throws IOException {
        forRegistry(changer, "replace the accounts", c -> {
            update(c, "DELETE FROM accounts");
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                keepAccountIn(c, entry.getKey(), entry.getValue());
            }
            return null;
        });
    }

    @Override
    public List<String> bans() throws IOException {
        return forRegistry(reader, "read the bans", c -> {
            List<String> bans = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT entry FROM bans ORDER BY id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bans.add(rows.getString(1));
                }
            }
            return bans;
        });
    }

    @Override
    public void changeBans(Collection<String> added, Collection<String> removed) throws IOException {
        forRegistry(changer, "keep the bans", c -> {
            for (String ban : removed) {
                update(c, "DELETE FROM bans WHERE entry = ?", ban);
            }
            for (String ban : added) {
                update(c, "INSERT INTO bans (entry) VALUES (?) ON CONFLICT (entry) DO NOTHING", ban);
            }
            return null;
        });
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Rows of (id, room or recipient, said_at, line) as {@link StoredLine}s. */
    private static List<StoredLine> rows(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
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

    /** {@code work} in one transaction on the writer's connection (the writer thread's alone). */
    private <T> T onWriter(String what, Work<T> work) {
        try {
            if (writer.isClosed()) {
                writer = writing.connect(); // a database restarted: the next batch finds it again
            }
            return inTransaction(writer, work);
        } catch (SQLException e) {
            writer = closedIfBroken(writer);
            throw failed(what, e);
        }
    }

    /** {@code work}, which only reads, in one transaction on the reading connection. */
    private <T> T onReader(String what, Work<T> work) {
        return reader.run(what, work);
    }

    /** {@code work}, a small change that may read first, in one transaction on the connection for changes. */
    private <T> T onChanger(String what, Work<T> work) {
        return changer.run(what, work);
    }

    /** A connection that threads take turns on, made at its first use or again once it broke. */
    private final class Shared {
        private final Connector connector;
        private Connection connection; // guarded by this

        Shared(Connector connector, Connection connection) {
            this.connector = connector;
            this.connection = connection;
        }

        synchronized <T> T run(String what, Work<T> work) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = connector.connect();
                }
                return inTransaction(connection, work);
            } catch (SQLException e) {
                connection = closedIfBroken(connection);
                throw failed(what, e);
            }
        }

        synchronized void close() {
            closeQuietly(connection);
        }
    }

    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException broken) {
                e.addSuppressed(broken);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException broken) {
                // the connection is broken: closedIfBroken has it
            }
        }
    }

    /** {@code c}, closed if it no longer answers (so that the next use connects again). */
    private static Connection closedIfBroken(Connection c) {
        try {
            if (!c.isClosed() && !c.isValid(2)) {
                c.close();
            }
        } catch (SQLException e) {
            // closing what is broken: nothing left to do with it
        }
        return c;
    }

    StoreException failed(String what, SQLException e) {
        return new StoreException("the store " + name + " could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        reader.close();
        changer.close();
        closeQuietly(writer);
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
