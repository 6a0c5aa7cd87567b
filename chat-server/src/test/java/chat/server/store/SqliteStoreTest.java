package chat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.server.roster.Archive;
import chat.server.roster.LocalRoster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private long rows(String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A burst costs the chat one row: its lines are read and indexed when the writer asks, oldest first. */
    @Test
    void aBurstIsOneJournalEntryIndexedLater() throws Exception {
        List<Store.Heard> burst = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            burst.add(heard(GENERAL, i, new ServerEvent.Msg("alice", "line " + i)));
        }
        store.journal(burst.subList(0, 1_000));
        store.journal(burst.subList(1_000, 1_500));
        assertThat(rows("journal")).isEqualTo(2);
        assertThat(rows("lines")).isZero();
        assertThat(store.journaled()).isEqualTo(1_500);

        assertThat(store.index(1)).as("whole entries").isEqualTo(1_000);
        assertThat(rows("lines")).isEqualTo(1_000);
        assertThat(store.journaled()).isEqualTo(500);
        assertThat(store.index(2_000)).isEqualTo(500);
        assertThat(store.index(2_000)).isZero();
        assertThat(rows("journal")).isZero();
        assertThat(texts(store.latest(GENERAL, 2))).containsExactly("MSG alice line 1498", "MSG alice line 1499");
    }

    /**
     * A read indexes all the journal held when it began, in several transactions when it holds more than one
     * takes (so memory stays bounded): every line is found, none twice.
     */
    @Test
    void aReadIndexesALongJournalInPartsAndFindsEveryLine() throws Exception {
        int entries = 13; // of 1,000 lines, as the writer's batches: more than one catching-up transaction takes
        for (int e = 0; e < entries; e++) {
            List<Store.Heard> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                batch.add(heard(GENERAL, e * 1_000L + i, new ServerEvent.Msg("alice", "line " + (e * 1_000 + i))));
            }
            store.journal(batch);
        }
        assertThat(texts(store.latest(GENERAL, 2))).containsExactly("MSG alice line 12998", "MSG alice line 12999");
        assertThat(rows("journal")).isZero();
        assertThat(rows("lines")).isEqualTo(entries * 1_000);
        assertThat(store.journaled()).isZero();
    }

    /** What a crash left in the journal is indexed at the next start; an entry that cannot be read is dropped. */
    @Test
    void aJournalLeftByACrashIsReadAtTheNextStartAndADamagedEntryDropped() throws Exception {
        store.journal(List.of(heard(GENERAL, 1, new ServerEvent.Msg("alice", "before the crash"))));
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
                PreparedStatement insert = c.prepareStatement("INSERT INTO journal (count, lines) VALUES (?, ?)")) {
            insert.setLong(1, 3);
            insert.setBytes(2, new byte[] {0, 9, 'x'}); // a room key of 9 bytes, cut short
            insert.executeUpdate();
            insert.setLong(1, -1_000_000); // a forged count: counted as none, the entry read all the same
            insert.setBytes(2, Journal.encode(List.of(heard(GENERAL, 2, new ServerEvent.Msg("alice", "forged count")))));
            insert.executeUpdate();
        }
        store = reopen();
        assertThat(store.journaled()).isEqualTo(4);
        store.journal(List.of(heard(GENERAL, 3, new ServerEvent.Msg("alice", "after it"))));
        assertThat(texts(store.latest(GENERAL, 10)))
                .containsExactly("MSG alice before the crash", "MSG alice forged count", "MSG alice after it");
        assertThat(store.journaled()).isZero();
        assertThat(rows("journal")).isZero();
    }

    /** The writer journals what the chat says, and indexes it once the chat has been quiet a moment. */
    @Test
    void theWriterIndexesTheJournalWhenTheChatIsQuiet() throws Exception {
        try (StoreWriter writer = new StoreWriter(store, Duration.ofDays(30), Clock.systemUTC())) {
            List<Archive.Kept> kept = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                kept.add(writer.keep(GENERAL, new LocalRoster.Said(i, EventCodec.encodeLine(new ServerEvent.Msg("alice", "line " + i)))));
            }
            for (Archive.Kept k : kept) {
                assertThat(k.await(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(rows("lines") + store.journaled()).as("every line kept, as lines or journaled").isEqualTo(50);
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("lines") == 50); // with no read asking for them
            assertThat(store.journaled()).isZero();
        }
    }

    /**
     * Queuing a line does not wake the writer by itself: the wake it is given does, once however many lines come
     * before it runs (on virtual threads it runs after the broadcast's writers), and then they are kept together.
     */
    @Test
    void theWriterIsWokenByItsWakeOnceForTheLinesOfAMoment() throws Exception {
        List<Runnable> held = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean holding = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.Executor wake = task -> {
            synchronized (held) {
                if (holding.get()) {
                    held.add(task);
                    return;
                }
            }
            task.run();
        };
        try (StoreWriter writer = new StoreWriter(store, Duration.ofDays(30), Clock.systemUTC(), wake)) {
            await().atMost(Duration.ofSeconds(30)).until(writer::asleep);
            List<Archive.Kept> kept = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                kept.add(writer.keep(GENERAL, new LocalRoster.Said(i, EventCodec.encodeLine(new ServerEvent.Msg("alice", "line " + i)))));
            }
            synchronized (held) {
                assertThat(held).as("one wake for the three lines").hasSize(1);
            }
            assertThat(kept.get(0).await(Duration.ofMillis(300))).as("not kept before the wake ran").isFalse();
            synchronized (held) {
                holding.set(false);
                held.forEach(Runnable::run);
            }
            for (Archive.Kept k : kept) {
                assertThat(k.await(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(rows("journal") + rows("lines")).as("one journal entry, or its lines indexed").isIn(1L, 3L);
        }
    }

    /** A wake that is refused (no thread to run it) wakes the writer at once, not at its next timeout a minute on. */
    @Test
    void aRefusedWakeWakesTheWriterAtOnce() throws Exception {
        java.util.concurrent.Executor refusing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("no thread for it");
        };
        try (StoreWriter writer = new StoreWriter(store, Duration.ofDays(30), Clock.systemUTC(), refusing)) {
            await().atMost(Duration.ofSeconds(30)).until(writer::asleep);
            Archive.Kept kept = writer.keep(GENERAL, new LocalRoster.Said(1, EventCodec.encodeLine(new ServerEvent.Msg("alice", "hi"))));
            assertThat(kept.await(Duration.ofSeconds(30))).isTrue();
        }
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
