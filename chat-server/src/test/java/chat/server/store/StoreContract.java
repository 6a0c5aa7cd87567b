package chat.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.accounts.Accounts;
import chat.server.accounts.PasswordHash;
import chat.server.moderation.Ban;
import chat.server.moderation.Bans;
import chat.server.moderation.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every engine of the store does alike, run against a real one by each subclass: paging, search, deletions,
 * retention, the waiting private lines, the accounts and bans, what survives closing it.
 */
abstract class StoreContract {
    static final String GENERAL = RoomName.DEFAULT.key();
    static final String DEV = "#dev@1764914400000.1"; // a room's store key: its name's, then its making

    Store store;

    /** A new, empty store of this engine. */
    abstract Store create();

    /** The store {@link #create} made, opened again after it was closed. */
    abstract Store reopen();

    @BeforeEach
    void open() {
        store = create();
    }

    @AfterEach
    void close() {
        store.close(); // closing twice is harmless: a test that closed it may leave it so
    }

    static Store.Said said(String room, long at, String from, String text) {
        return new Store.Said(room, at, from.toLowerCase(), text, EventCodec.encodeLine(new ServerEvent.Msg(from, text)));
    }

    static List<String> texts(List<StoredLine> lines) {
        return lines.stream().map(l -> new String(l.line(), StandardCharsets.UTF_8).strip()).toList();
    }

    /**
     * The lines are written on the writer's connection, settings, accounts and waiting lines on the reading one:
     * a batch of lines must not fail because the other connection wrote while it was under way (SQLite: a
     * transaction that reads first cannot write once another connection has written, SQLITE_BUSY_SNAPSHOT).
     */
    @Test
    void linesKeptWhileTheOtherConnectionWritesAreAllKept() throws Exception {
        int batches = 400;
        Thread settings = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                store.keepSetting("topic #general", "topic " + i);
            }
        }, "test-settings");
        settings.start();
        try {
            for (int b = 0; b < batches; b++) {
                store.keep(List.of(said(GENERAL, 2L * b, "alice", "line " + b), said(DEV, 2L * b + 1, "bob", "dev " + b)));
            }
        } finally {
            settings.interrupt();
            settings.join(20_000);
        }
        assertThat(store.latest(GENERAL, 2 * batches)).hasSize(batches);
        assertThat(store.latest(DEV, 2 * batches)).hasSize(batches);
    }

    /**
     * A welcome back, a waiting line kept, waiting lines taken: each reads, then writes, in one transaction. None
     * may fail because lines were kept meanwhile (SQLite: a transaction that began by reading gets SQLITE_BUSY at
     * once, without waiting, when it comes to write while another connection writes or has written).
     */
    @Test
    void changesThatReadFirstSucceedWhileLinesAreKept() throws Exception {
        AtomicBoolean keeping = new AtomicBoolean(true);
        AtomicReference<Throwable> keeperFailed = new AtomicReference<>();
        Thread keeper = new Thread(() -> {
            try {
                for (int b = 0; keeping.get(); b++) {
                    store.keep(List.of(said(GENERAL, b, "alice", "line " + b)));
                }
            } catch (RuntimeException e) {
                keeperFailed.set(e);
            }
        }, "test-keeper");
        keeper.start();
        try {
            for (int i = 0; i < 300; i++) {
                store.welcomeBack("bob", GENERAL, i);
                byte[] line = EventCodec.encodeLine(new ServerEvent.Private("carol", "bob", "hi " + i));
                assertThat(store.keepWaiting("bob", "carol", i, line, 10, 10)).isEqualTo(1);
                assertThat(store.takeWaiting("bob")).hasSize(1);
            }
        } finally {
            keeping.set(false);
            keeper.join(20_000);
        }
        assertThat(keeperFailed.get()).isNull();
    }

    @Test
    void pagesBackwardsThroughARoomOldestFirstWithinEachPage() {
        List<Store.Said> lines = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            lines.add(said(GENERAL, 1000L * i, "alice", "line " + i));
            lines.add(said(DEV, 1000L * i, "bob", "dev " + i));
        }
        store.keep(lines);

        List<StoredLine> last = store.latest(GENERAL, 10);
        assertThat(texts(last)).containsExactly("MSG alice line 16", "MSG alice line 17", "MSG alice line 18",
                "MSG alice line 19", "MSG alice line 20", "MSG alice line 21", "MSG alice line 22", "MSG alice line 23",
                "MSG alice line 24", "MSG alice line 25");
        assertThat(last).allMatch(l -> l.roomKey().equals("#general"));
        List<StoredLine> before = store.before(GENERAL, last.get(0).id(), Long.MAX_VALUE, 10);
        assertThat(texts(before)).first().isEqualTo("MSG alice line 6");
        assertThat(texts(before)).last().isEqualTo("MSG alice line 15");
        assertThat(texts(store.before(GENERAL, before.get(0).id(), Long.MAX_VALUE, 10))).hasSize(5).first().isEqualTo("MSG alice line 1");
        assertThat(texts(store.before(GENERAL, Long.MAX_VALUE, 1000L * 3, 10))).as("said before the third second")
                .containsExactly("MSG alice line 1", "MSG alice line 2");
        assertThat(texts(store.latest(DEV, 1))).containsExactly("MSG bob dev 25");
        assertThat(store.latest("#dev@1764914400000.2", 10)).as("another room made under that name").isEmpty();
    }

    @Test
    void findsWordsInOrderIgnoringCaseAndAccentsNewestFirstInTheRoomsAskedOnly() {
        store.keep(List.of(said(GENERAL, 1, "alice", "the build is green"), said(DEV, 2, "bob", "Build is GREEN again"),
                said(GENERAL, 3, "carol", "green build"), said(GENERAL, 4, "dave", "café au lait")));

        assertThat(texts(store.search("build is green", List.of(GENERAL, DEV), 20)))
                .containsExactly("MSG bob Build is GREEN again", "MSG alice the build is green");
        assertThat(texts(store.search("build is green", List.of(GENERAL), 20))).containsExactly("MSG alice the build is green");
        assertThat(texts(store.search("green", List.of(GENERAL, DEV), 2)))
                .containsExactly("MSG carol green build", "MSG bob Build is GREEN again");
        assertThat(texts(store.search("cafe", List.of(GENERAL), 20))).containsExactly("MSG dave café au lait");
        assertThat(store.search("green", List.of(), 20)).isEmpty();
    }

    /** What a person types is words to find, never the search's own syntax (which would find the line), nor an error. */
    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"\"", "green\" OR \"build", "gre*", "NEAR(green build)", "green AND build", "green OR nothing",
        "!!!", "'; DROP TABLE lines; --", "text:green", "lines_text:green", "(", "\u0000", "\u0000\u0000'", "   ", "green NOT build"})
    void searchSyntaxInTheTextIsNotObeyed(String text) {
        store.keep(List.of(said(GENERAL, 1, "alice", "the build is green")));
        assertThat(store.search(text, List.of(GENERAL), 20)).isEmpty();
        assertThat(store.latest(GENERAL, 10)).hasSize(1); // and nothing was harmed
    }

    /** Marks around a word are not words: they find the word, as in any search box. */
    @ParameterizedTest
    @ValueSource(strings = {"^green", "-green", "green!", "\"green\"", "green*", "\u0000green", "(build is)"})
    void marksAroundWordsFindTheWords(String text) {
        store.keep(List.of(said(GENERAL, 1, "alice", "the build is green")));
        assertThat(store.search(text, List.of(GENERAL), 20)).hasSize(1);
    }

    @Test
    void forgetsOneSpeakersLinesTheirWordsAndTheirWaitingLines() {
        store.keep(List.of(said(GENERAL, 1, "Mallory", "buy pills"), said(DEV, 2, "mallory", "buy more pills"),
                said(GENERAL, 3, "alice", "no pills here")));
        store.keepWaiting("bob", "mallory", 4, EventCodec.encodeLine(new ServerEvent.Private("Mallory", "bob", "pills?")), 3, 2);
        assertThat(store.forget("mallory")).isEqualTo(3);
        assertThat(store.takeWaiting("bob")).as("its private lines waiting for others too").isEmpty();
        assertThat(texts(store.latest(GENERAL, 10))).containsExactly("MSG alice no pills here");
        assertThat(texts(store.search("pills", List.of(GENERAL, DEV), 20))).containsExactly("MSG alice no pills here");
    }

    @Test
    void expiresLinesOlderThanTheRetention() {
        store.keep(List.of(said(GENERAL, 1_000, "alice", "old news"), said(GENERAL, 2_000, "alice", "fresh news")));
        assertThat(store.expire(2_000)).isEqualTo(1);
        assertThat(texts(store.latest(GENERAL, 10))).containsExactly("MSG alice fresh news");
        assertThat(store.search("old", List.of(GENERAL), 20)).isEmpty();
    }

    /** Lines for someone away: bounded in all and per sender, given once and then gone, old ones expired. */
    @Test
    void waitingLinesAreBoundedGivenOnceAndExpire() {
        byte[] psst = EventCodec.encodeLine(new ServerEvent.Private("alice", "bob", "psst"));
        assertThat(store.keepWaiting("bob", "alice", 1_000, psst, 3, 2)).isEqualTo(1);
        assertThat(store.keepWaiting("bob", "alice", 2_000, psst, 3, 2)).isEqualTo(2);
        assertThat(store.keepWaiting("bob", "alice", 3_000, psst, 3, 2)).as("alice's share is full").isZero();
        assertThat(store.keepWaiting("bob", "carol", 3_000, psst, 3, 2)).isEqualTo(3);
        assertThat(store.keepWaiting("bob", "dave", 4_000, psst, 3, 2)).as("bob's box is full").isZero();
        assertThat(store.keepWaiting("erin", "dave", 4_000, psst, 3, 2)).isEqualTo(1);

        List<StoredLine> bobs = store.takeWaiting("bob");
        assertThat(bobs).extracting(StoredLine::epochMillis).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(texts(bobs)).containsOnly("PRIVATE alice bob psst");
        assertThat(store.takeWaiting("bob")).as("given once").isEmpty();
        assertThat(store.expire(5_000)).isEqualTo(1); // erin's
        assertThat(store.takeWaiting("erin")).isEmpty();
        store.keepWaiting("frank", "alice", 6_000, psst, 3, 2);
        assertThat(store.forgetAccount("frank")).isEqualTo(1);
        assertThat(store.takeWaiting("frank")).isEmpty();
    }

    /** When a registered name was last here, and how many lines others said in a room since, at most MOST_MISSED. */
    @Test
    void countsWhatANameMissedSinceItWasLastSeen() {
        assertThat(store.welcomeBack("bob", GENERAL, 1_000)).as("never seen").isNull();
        store.keep(List.of(said(GENERAL, 1_000, "alice", "before he left"), said(GENERAL, 2_500, "alice", "while away"),
                said(DEV, 2_600, "alice", "elsewhere"), said(GENERAL, 2_700, "bob", "his own, from another session"),
                said(GENERAL, 2_800, "carol", "also while away")));
        store.seen("bob", 2_000);
        assertThat(store.welcomeBack("bob", GENERAL, 3_000)).isEqualTo(new Store.Absence(2_000, 2));
        assertThat(store.welcomeBack("bob", GENERAL, 3_500)).as("seen at that login").isEqualTo(new Store.Absence(3_000, 0));
        store.forgetAccount("bob");
        assertThat(store.welcomeBack("bob", GENERAL, 4_000)).as("released: a new owner's").isNull();
    }

    static Store.Heard heard(String room, long at, ServerEvent event) {
        return new Store.Heard(room, at, EventCodec.encodeLine(event));
    }

    /**
     * Lines journaled as the writer keeps them (SQLite indexes them later) are found by every read at once, in
     * order with the lines before them; a line that is not a public one is not kept.
     */
    @Test
    void journaledLinesAreFoundByEveryReadInOrder() {
        store.keep(List.of(said(GENERAL, 1_000, "alice", "indexed before")));
        store.seen("bob", 1_500);
        store.journal(List.of(heard(GENERAL, 2_000, new ServerEvent.Msg("alice", "journaled green")),
                heard(DEV, 2_100, new ServerEvent.Msg("carol", "in dev")),
                heard(GENERAL, 2_200, new ServerEvent.Info("not a public line")),
                heard(GENERAL, 2_300, new ServerEvent.Action("carol", "waves green"))));
        assertThat(texts(store.search("green", List.of(GENERAL, DEV), 10)))
                .containsExactly("ACTION carol waves green", "MSG alice journaled green");
        assertThat(texts(store.latest(GENERAL, 10)))
                .containsExactly("MSG alice indexed before", "MSG alice journaled green", "ACTION carol waves green");
        StoredLine journaled = store.latest(DEV, 1).get(0);
        assertThat(store.idOf(DEV, 2_100, journaled.line())).isEqualTo(journaled.id());
        assertThat(store.welcomeBack("bob", GENERAL, 3_000)).isEqualTo(new Store.Absence(1_500, 2));
        assertThat(store.journaled()).isZero();

        store.journal(List.of(heard(GENERAL, 4_000, new ServerEvent.Msg("carol", "to be purged"))));
        assertThat(store.forget("carol")).as("journaled lines too").isEqualTo(3);
        assertThat(texts(store.latest(GENERAL, 10))).containsExactly("MSG alice indexed before", "MSG alice journaled green");
    }

    @Test
    void keepsItsLinesAndWaitingLinesAcrossAReopen() {
        store.keep(List.of(said(GENERAL, 1, "alice", "kept through a restart")));
        store.keepWaiting("bob", "alice", 1, EventCodec.encodeLine(new ServerEvent.Private("alice", "bob", "psst")), 3, 2);
        store.close();
        store = reopen();
        assertThat(texts(store.latest(GENERAL, 10))).containsExactly("MSG alice kept through a restart");
        assertThat(texts(store.search("restart", List.of(GENERAL), 10))).hasSize(1);
        assertThat(texts(store.takeWaiting("bob"))).containsExactly("PRIVATE alice bob psst");
    }

    @Test
    void keepsAccountsByNameAndBansInOrderAcrossAReopen() throws IOException {
        store.keepAccount("alice", "alice entry 1");
        store.keepAccount("bob", "Bob entry");
        store.keepAccount("alice", "Alice entry 2");
        store.keepAccount("carol", "carol entry");
        store.keepAccount("carol", null);
        store.keepAccount("nobody", null);
        store.changeBans(List.of("ban 1", "ban 2", "ban 3"), List.of());
        store.changeBans(List.of("ban 4", "ban 1"), List.of("ban 2", "ban 9"));

        store.close();
        store = reopen();
        assertThat(store.accounts()).containsExactly(Map.entry("alice", "Alice entry 2"), Map.entry("bob", "Bob entry"));
        assertThat(store.bans()).containsExactly("ban 1", "ban 3", "ban 4");
        store.replaceAccounts(Map.of("dave", "dave entry"));
        assertThat(store.accounts()).containsExactly(Map.entry("dave", "dave entry"));
    }

    @Test
    void accountsAndBansKeptInTheStoreAreThereAfterARestart() throws IOException {
        Accounts accounts = Accounts.inTable(store, 1000);
        assertThat(accounts.register("Alice", "correct horse".toCharArray())).isTrue();
        assertThat(accounts.register("bob", "battery staple".toCharArray())).isTrue();
        assertThat(accounts.changePassword("alice", "new horse".toCharArray())).isTrue();
        assertThat(accounts.unregister("bob")).isTrue();
        Bans bans = Bans.inTable(store, Clock.systemUTC());
        Instant now = Instant.now();
        bans.add(new Ban("mallory", null, null, "alice", now, "spam"));
        bans.add(new Ban(null, Network.parse("192.0.2.0/24"), now.plus(Duration.ofDays(1)), "alice", now, ""));
        bans.add(new Ban("trudy", null, null, "alice", now, "flood"));
        assertThat(bans.remove("trudy")).hasSize(1);

        store.close();
        store = reopen();
        Accounts again = Accounts.inTable(store, 1000);
        assertThat(again.registeredAs("ALICE")).isEqualTo("Alice");
        assertThat(again.verify("alice", "new horse".toCharArray())).isTrue();
        assertThat(again.verify("alice", "correct horse".toCharArray())).isFalse();
        assertThat(again.isRegistered("bob")).isFalse();
        Bans bansAgain = Bans.inTable(store, Clock.systemUTC());
        assertThat(bansAgain.onName("Mallory")).isNotNull();
        assertThat(bansAgain.onAddress(InetAddress.getByName("192.0.2.7"))).isNotNull();
        assertThat(bansAgain.onName("trudy")).isNull();
    }

    @Test
    void aDamagedOrForgedAccountInTheStoreStopsTheLoadNamingIt() throws IOException {
        store.keepAccount("eve", "eve pbkdf2-sha256 not-a-number salt hash 1");
        assertThatThrownBy(() -> Accounts.inTable(store, 1000)).isInstanceOf(IOException.class)
                .hasMessageContaining("eve").hasMessageContaining("the store");
        store.keepAccount("eve", null);
        store.keepAccount("mallory", weakEntry("alice")); // under another name's key
        assertThatThrownBy(() -> Accounts.inTable(store, 1000)).hasMessageContaining("another name");
        store.keepAccount("mallory", weakEntry("mallory")); // a hash that costs a guesser nothing
        assertThatThrownBy(() -> Accounts.inTable(store, 1000)).hasMessageContaining("wrong cost");
        store.keepAccount("mallory", null);
        store.changeBans(List.of("not a ban"), List.of());
        assertThatThrownBy(() -> Bans.inTable(store, Clock.systemUTC())).isInstanceOf(IOException.class)
                .hasMessageContaining("not a ban");
    }

    /** An entry for {@code name} whose hash took one iteration. */
    private static String weakEntry(String name) {
        return name + " " + PasswordHash.of("x".toCharArray(), 1).encode() + " 20000";
    }
}
