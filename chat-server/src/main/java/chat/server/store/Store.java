package chat.server.store;

import chat.server.accounts.Registry;
import chat.server.config.Secret;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * What the server keeps on disk: the public lines, the private lines waiting for a name, when a name was last
 * here, and the registered names and bans ({@link Registry.Tables}). {@link #keep}, {@link #forget} and {@link
 * #expire} are the writer's (one thread); the rest may come from any thread at once. A method throws {@link
 * StoreException} when the store fails, except those of {@link Registry.Tables}: their callers keep the accounts
 * and bans in files where there is no store, and get an {@code IOException} from either.
 */
public interface Store extends Registry.Tables, AutoCloseable {
    /**
     * Whether the store {@link #openFor} opens for {@code config} keeps the public lines: unless {@code --history-days
     * 0}, and not a node's SQLite (each node would keep every line: docs/DESIGN.md, "The store").
     */
    static boolean keepsLines(ServerConfig config) {
        return config.historyDays() > 0 && (config.cluster() == null || config.storeDatabase() != null);
    }

    /**
     * The store {@code config} asks for: PostgreSQL if {@code --store} names it, else SQLite in the data directory;
     * none (null) without either. Whether it keeps lines is {@link #keepsLines}'s to say; it always keeps the
     * accounts and bans (on a node without PostgreSQL, its copy of the chat's).
     */
    static Store openFor(ServerConfig config) throws IOException {
        try {
            if (config.storeDatabase() != null) {
                Secret password = config.storeDatabase().password();
                return PostgresStore.open(config.storeDatabase().url(), password == null ? null : password.value());
            } else if (config.dataDir() != null) {
                return SqliteStore.open(config.dataDir());
            }
            return null;
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A line for {@link #keep}: {@code line} said in room {@code roomKey} by {@code speakerKey}, as {@code text}. */
    record Said(String roomKey, long epochMillis, String speakerKey, String text, byte[] line) {}

    /** A public line as the chat hands it on, not yet read: {@code line} said in the room {@code roomKey}. */
    record Heard(String roomKey, long epochMillis, byte[] line) {}

    /** Keeps {@code lines}, in their order, all or none, indexed at once. */
    void keep(List<Said> lines);

    /**
     * Keeps {@code lines}, in their order, all or none, durably before it returns; an engine may read and index
     * them later ({@link #index}; SQLite: one journal entry now), as every read that could show them indexes
     * them first. Lines that are not public lines are not kept (logged). The writer's.
     */
    void journal(List<Heard> lines);

    /**
     * Indexes about {@code most} of the journaled lines (whole entries), oldest first; how many left the journal
     * (indexed, or dropped as unreadable). The writer's.
     */
    int index(int most);

    /** How many lines are journaled and not yet indexed. */
    long journaled();

    /** Deletes every line said by the name whose key is {@code speakerKey}, waiting ones too; returns how many. */
    int forget(String speakerKey);

    /** Deletes every line said before {@code epochMillis}, waiting ones too; returns how many. */
    int expire(long epochMillis);

    // A room is named by its store key (chat.server.roster.Archive): the default room's name's key, or the key of
    // one room made, new each time a room is made.

    /** The last {@code count} lines of the room {@code roomKey}, oldest first. */
    List<StoredLine> latest(String roomKey, int count);

    /**
     * The last {@code count} lines of the room {@code roomKey} kept before the line {@code beforeId} and said before
     * {@code beforeMillis}, oldest first.
     */
    List<StoredLine> before(String roomKey, long beforeId, long beforeMillis, int count);

    /** The id of the newest line of {@code roomKey} said at {@code epochMillis} that is {@code line}; -1 if none is. */
    long idOf(String roomKey, long epochMillis, byte[] line);

    /**
     * The newest {@code count} lines of the rooms {@code roomKeys} whose text holds the words of {@code text} in
     * that order (ignoring case and accents), newest first.
     */
    List<StoredLine> search(String text, Collection<String> roomKeys, int count);

    /**
     * Keeps {@code line}, a {@code PRIVATE} line for a name that is away, until {@link #takeWaiting}, unless
     * {@code mostPerRecipient} lines wait for it already, or {@code mostPerSender} of them from {@code senderKey}.
     *
     * @return how many lines wait for the recipient now, this one included; 0 if it was not kept
     */
    int keepWaiting(String recipientKey, String senderKey, long epochMillis, byte[] line, int mostPerRecipient,
            int mostPerSender);

    /**
     * The lines waiting for {@code recipientKey} (as {@link StoredLine}s whose room key is the recipient's), oldest
     * first, deleted from the store as they are returned.
     */
    List<StoredLine> takeWaiting(String recipientKey);

    /**
     * Deletes the lines waiting for {@code nameKey}, and when it was last here (its account is gone); returns how
     * many lines.
     */
    int forgetAccount(String nameKey);

    /** What a registered name missed: {@code count} lines (at most {@link #MOST_MISSED}) said since {@code since}. */
    record Absence(long since, int count) {}

    /** Lines counted as missed at most: counting is a read at a login, bounded like any other. */
    int MOST_MISSED = 100_000;

    /** {@code nameKey} (a registered name) was here at {@code epochMillis}: at its login, and as it leaves. */
    void seen(String nameKey, long epochMillis);

    /**
     * {@code nameKey} logs in again: how many lines others said in the room {@code roomKey} since it was last seen,
     * or null if it never was; it is seen at {@code epochMillis} from now on.
     */
    Absence welcomeBack(String nameKey, String roomKey, long epochMillis);

    /** The value kept under {@code name} (a room's topic: {@code topic ROOMKEY}), or null. */
    String setting(String name);

    /** Keeps {@code value} under {@code name}; null deletes it. */
    void keepSetting(String name, String value);

    // The registered names and bans: Registry.Tables (accounts(), keepAccount, replaceAccounts, bans(), changeBans).

    @Override
    void close();
}
