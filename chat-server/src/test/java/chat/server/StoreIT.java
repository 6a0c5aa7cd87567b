package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.config.ServerConfig;
import chat.server.store.SqliteStore;
import chat.server.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store (docs/PROTOCOL.md, "History and search"; docs/OPERATIONS.md, "The store"): public lines kept in the
 * data directory across restarts, paged back with {@code /history}, found with {@code /search} in the asker's
 * rooms only (never in an earlier room of the same name), deleted by {@code /purge} and by the retention;
 * private lines for a registered name that is away. On SQLite in the data directory; StoreOnPostgresIT runs the
 * same on PostgreSQL.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StoreIT {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    Path data;
    private final Opened opened = new Opened();

    @AfterEach
    void closeAll() throws Exception {
        opened.close();
    }

    ServerConfig.Builder config() {
        return ChatServerIT.base().transferPort(-1).dataDir(data).history(5);
    }

    /** The store the servers of {@link #config()} keep their lines in, opened by the test itself. */
    Store openStore() {
        return SqliteStore.open(data);
    }

    private ChatServer start(ServerConfig.Builder config) throws IOException {
        return opened.track(ChatServer.start(config.build()));
    }

    private TestLineClient login(ChatServer server, String name) throws IOException {
        return opened.track(TestLineClient.login(server.port(), name));
    }

    /** Sends {@code command} and returns the lines up to the first that starts with {@code end}, that one included. */
    private static List<String> answer(TestLineClient client, String command, String end) throws IOException {
        client.send(command);
        return client.linesUntil(end);
    }

    @Test
    void theDefaultRoomsTopicIsKeptAcrossARestart() throws Exception {
        ServerConfig.Builder config = config().operators(List.of("op")).passwordIterations(1000).allowPlainPasswords(true);
        TestAccounts.make(config.build(), "op", "op password");
        try (ChatServer before = ChatServer.start(config.build());
                TestLineClient op = TestLineClient.login(before.port(), "op", "op password")) {
            op.send("/topic Welcome: be kind");
            op.awaitLine("TOPIC op Welcome: be kind");
        }

        try (ChatServer after = ChatServer.start(config.build());
                TestLineClient op = TestLineClient.login(after.port(), "op", "op password");
                TestLineClient bob = TestLineClient.login(after.port(), "bob")) {
            assertThat(answer(bob, "/topic", "TOPIC ")).containsExactly("TOPIC op Welcome: be kind");
            op.send("/topic -delete");
            String told = bob.awaitLine("TOPIC ");
            while (told.equals("TOPIC op Welcome: be kind")) { // the login's, then the answer's
                told = bob.readLine();
            }
            assertThat(told).isEqualTo("TOPIC op");
        }

        ChatServer again = start(config);
        TestLineClient carol = login(again, "carol");
        assertThat(answer(carol, "/topic", "INFO ")).as("taken away, also from the store").last()
                .isEqualTo("INFO #general has no topic");
    }

    /** A topic in the store is read as hostile: one no operator could have set is not shown. */
    @Test
    void aForgedTopicInTheStoreIsNotShown() throws Exception {
        start(config()).close(); // the store made, as a server makes it
        try (Store store = openStore()) {
            store.keepSetting("topic " + RoomName.DEFAULT.key(), "op \u001b[2J\u001b[31mcleared your screen");
        }
        ChatServer server = start(config());
        TestLineClient bob = login(server, "bob");
        assertThat(answer(bob, "/topic", "INFO ")).last().isEqualTo("INFO #general has no topic");
    }

    @Test
    void linesSaidBeforeARestartAreShownToNewcomersAndPagedBackWithHistory() throws Exception {
        try (ChatServer before = ChatServer.start(config().build());
                TestLineClient alice = TestLineClient.login(before.port(), "alice")) {
            for (int i = 1; i <= 30; i++) {
                alice.send("line " + i);
            }
            alice.send("/join #dev");
            alice.awaitLine("IN #dev JOIN alice");
            for (int i = 1; i <= 3; i++) {
                alice.send("dev " + i);
            }
            alice.awaitLine("IN #dev MSG alice dev 3");
        } // closing keeps every line said: the store's writer is done before the server is

        ChatServer after = start(config());
        TestLineClient bob = TestLineClient.connectRaw(after.port());
        opened.track(bob);
        bob.awaitLine("HELLO ");
        bob.send("bob");
        bob.awaitLine("WELCOME bob ");
        List<String> shown = bob.linesUntil("JOIN bob ");
        assertThat(shown.subList(0, shown.size() - 1)).hasSize(5).allMatch(l -> l.matches("HISTORY " + TIME + " MSG alice line \\d+"));
        assertThat(shown.get(0)).endsWith("MSG alice line 26");

        // /history goes back from the oldest line bob was shown (lines said in one millisecond told apart)
        List<String> page = answer(bob, "/history", "HISTORY_END ");
        assertThat(page).hasSize(21).last().isEqualTo("HISTORY_END #general 20 more");
        assertThat(page.get(0)).endsWith("MSG alice line 6");
        assertThat(page.get(19)).endsWith("MSG alice line 25");
        page = answer(bob, "/history 15", "HISTORY_END ");
        assertThat(page).hasSize(6).last().isEqualTo("HISTORY_END #general 5 all");
        assertThat(page.get(0)).matches("HISTORY " + TIME + " MSG alice line 1");
        assertThat(answer(bob, "/history", "HISTORY_END ")).containsExactly("HISTORY_END #general 0 all");

        // a room made again is a new room, perhaps of other people: the old #dev's lines are not its history
        bob.send("/join #Dev");
        assertThat(bob.linesUntil("IN #Dev JOIN bob")).containsExactly("IN #Dev JOIN bob -");
        bob.awaitLine("MEMBERS #Dev ");
        bob.send("/to #Dev dev again");
        bob.awaitLine("IN #Dev MSG bob dev again"); // echoed: kept
        assertThat(answer(bob, "/history #dev 2", "HISTORY_END ")).as("nothing before bob made it: none of the old #dev's")
                .containsExactly("HISTORY_END #Dev 0 all");
        TestLineClient carol = opened.track(TestLineClient.login(after.port(), "carol"));
        carol.send("/join #dev");
        List<String> joined = carol.linesUntil("IN #Dev JOIN carol");
        assertThat(joined.get(joined.size() - 2)).matches("IN #Dev HISTORY " + TIME + " MSG bob dev again");
        carol.awaitLine("MEMBERS #Dev ");
        assertThat(answer(carol, "/history #dev", "HISTORY_END ")).as("what she was shown is not given again")
                .containsExactly("HISTORY_END #Dev 0 all");
        assertThat(answer(bob, "/search dev", "FOUND_END ")).filteredOn(l -> l.startsWith("FOUND")).hasSize(2)
                .first().asString().endsWith("#Dev MSG bob dev again");
        assertThat(answer(bob, "/history #ops", "ERROR ")).last().asString().startsWith("ERROR NOT_IN_ROOM ");
        assertThat(answer(bob, "/history 0", "ERROR ")).last().asString()
                .isEqualTo("ERROR BAD_ARGUMENTS usage: /history [#ROOM] [N, 1 to 100]");
    }

    /** A search looks in the asker's rooms only: an invite-only room's lines are not found by anyone outside it. */
    @Test
    void searchFindsTheNewestLinesOfTheAskersRoomsOnly() throws Exception {
        ChatServer server = start(config());
        TestLineClient alice = login(server, "alice");
        TestLineClient bob = login(server, "bob");
        alice.send("/join #secret");
        alice.awaitLine("IN #secret JOIN alice");
        alice.send("/invite-only #secret on");
        alice.awaitLine("IN #secret INFO ");
        alice.send("/to #secret we deploy on Friday");
        alice.send("/to #general we Deploy on Monday"); // #secret is alice's current room now
        alice.send("/to #general /me will deploy whenever");
        bob.awaitLine("ACTION alice will deploy whenever");

        List<String> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> { // the store keeps lines a moment after they are said
            found.clear();
            found.addAll(answer(alice, "/search deploy", "FOUND_END "));
            return found.size() == 4;
        });
        assertThat(found.get(0)).matches("FOUND " + TIME + " #general ACTION alice will deploy whenever");
        assertThat(found.get(1)).matches("FOUND " + TIME + " #general MSG alice we Deploy on Monday");
        assertThat(found.get(2)).matches("FOUND " + TIME + " #secret MSG alice we deploy on Friday");
        assertThat(found.get(3)).isEqualTo("FOUND_END 3");

        assertThat(answer(bob, "/search deploy on", "FOUND_END ")).containsExactly(
                found.get(1), "FOUND_END 1");
        assertThat(answer(bob, "/search #secret deploy", "ERROR ")).last().asString().startsWith("ERROR NOT_IN_ROOM ");
        assertThat(answer(alice, "/search #secret deploy on", "FOUND_END ")).containsExactly(found.get(2), "FOUND_END 1");
        assertThat(answer(alice, "/search \" OR *", "FOUND_END ")).containsExactly("FOUND_END 0");

        // once everyone has left the invite-only #secret, whoever makes a #secret gets none of its lines
        alice.send("/part #secret");
        alice.awaitLine("IN #secret LEAVE alice");
        bob.send("/join #secret");
        assertThat(bob.linesUntil("IN #secret JOIN bob")).noneMatch(l -> l.contains("HISTORY"));
        bob.awaitLine("MEMBERS #secret ");
        assertThat(answer(bob, "/history #secret", "HISTORY_END ")).containsExactly("HISTORY_END #secret 0 all");
        assertThat(answer(bob, "/search #secret deploy", "FOUND_END ")).containsExactly("FOUND_END 0");
        assertThat(answer(alice, "/search " + "x".repeat(101), "ERROR ")).last().asString()
                .isEqualTo("ERROR BAD_ARGUMENTS usage: /search [#ROOM] text (at most 100 characters)");
    }

    /** Each of a member's searches waits for a second after its last: a flood of searches costs the flooder time. */
    @Test
    void searchesAreSpacedASecondApart() throws Exception {
        ChatServer server = start(config());
        TestLineClient alice = login(server, "alice");
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            alice.send("/search anything");
        }
        for (int i = 0; i < 4; i++) {
            alice.awaitLine("FOUND_END ");
        }
        assertThat((System.nanoTime() - start) / 1e9).as("four searches take three spacings").isGreaterThanOrEqualTo(2.9);
    }

    @Test
    void aPurgedNamesLinesLeaveTheStoreAndTheHistoryAfterARestart() throws Exception {
        ServerConfig.Builder config = config().operators(List.of("boss")).allowPlainPasswords(true).passwordIterations(1000);
        TestAccounts.make(config.build(), "boss", "correct horse");
        try (ChatServer before = ChatServer.start(config.build());
                TestLineClient boss = TestLineClient.login(before.port(), "boss", "correct horse");
                TestLineClient mallory = TestLineClient.login(before.port(), "mallory")) {
            mallory.send("buy cheap pills");
            boss.awaitLine("MSG mallory buy cheap pills"); // in the chat (and queued for the store) before the purge
            boss.send("no pills here");
            boss.awaitLine("MSG boss no pills here");
            boss.send("/purge mallory");
            assertThat(boss.awaitLine("INFO Took")).isEqualTo("INFO Took the lines of mallory out of the history.");
        }
        ChatServer after = start(config);
        TestLineClient carol = TestLineClient.connectRaw(after.port());
        opened.track(carol);
        carol.awaitLine("HELLO ");
        carol.send("carol");
        assertThat(carol.linesUntil("JOIN carol ")).noneMatch(l -> l.contains("mallory"))
                .anyMatch(l -> l.endsWith("MSG boss no pills here"));
        assertThat(answer(carol, "/search pills", "FOUND_END ")).hasSize(2).last().isEqualTo("FOUND_END 1");
    }

    /**
     * Lines older than the retention are deleted when the server starts (and daily), before a newcomer is shown
     * any; zero days runs without the store: nothing is kept, and {@code /history} says so.
     */
    @Test
    void theRetentionDeletesOldLinesAtStartAndZeroDaysKeepsNothing() throws Exception {
        try (Store store = openStore()) {
            long now = System.currentTimeMillis();
            store.keep(List.of(said(now - Duration.ofDays(31).toMillis(), "a month old"), said(now - 60_000, "a minute old")));
        }
        try (ChatServer server = ChatServer.start(config().historyDays(30).build());
                TestLineClient bob = TestLineClient.connectRaw(server.port())) {
            bob.awaitLine("HELLO ");
            bob.send("bob");
            assertThat(bob.linesUntil("JOIN bob ")).filteredOn(l -> l.startsWith("HISTORY "))
                    .singleElement().asString().endsWith("MSG alice a minute old");
            assertThat(answer(bob, "/history", "HISTORY_END ")).as("the line he was shown is not given again")
                    .containsExactly("HISTORY_END #general 0 all");
        }
        ChatServer none = start(config().historyDays(0));
        TestLineClient carol = TestLineClient.connectRaw(none.port());
        opened.track(carol);
        carol.awaitLine("HELLO ");
        carol.send("carol");
        assertThat(carol.linesUntil("JOIN carol ")).noneMatch(l -> l.startsWith("HISTORY "));
        assertThat(answer(carol, "/history", "ERROR ")).last().asString().startsWith("ERROR NOT_KEPT ");
        assertThat(answer(carol, "/search old", "ERROR ")).last().asString().startsWith("ERROR NOT_KEPT ");
    }

    private static Store.Said said(long at, String text) {
        return new Store.Said(RoomName.DEFAULT.key(), at, "alice", text, EventCodec.encodeLine(new ServerEvent.Msg("alice", text)));
    }

    /**
     * A private line to a registered name that is away waits for it, and comes at its next login with its
     * password, marked with when it was sent, once; to a name nobody registered it is refused as before.
     */
    @Test
    void privateLinesForARegisteredNameThatIsAwayWaitForItsNextLogin() throws Exception {
        ServerConfig.Builder config = config().allowPlainPasswords(true).passwordIterations(1000);
        ChatServer server = start(config);
        try (TestLineClient bob = TestLineClient.login(server.port(), "bob")) {
            bob.send("/register correct horse");
            bob.awaitLine("INFO bob is registered now");
        }
        TestLineClient alice = login(server, "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.onlineNames().equals(List.of("alice")));
        alice.send("/msg BOB are you there?");
        assertThat(alice.awaitLine("PRIVATE ")).isEqualTo("PRIVATE alice bob are you there?");
        assertThat(alice.awaitLine("INFO ")).isEqualTo(
                "INFO bob is not online: your line waits for them, and they get it when they next log in (1 line waits)");
        for (int i = 2; i <= 20; i++) {
            alice.send("/msg bob line " + i);
        }
        alice.send("/msg bob one too many");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR WAITING_FULL bob has as many lines waiting as this server keeps"
                + " (100, 20 from one sender); try again when they are back");
        alice.send("/msg nobody hello");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_USER nobody");

        TestLineClient bob = opened.track(TestLineClient.login(server.port(), "bob", "correct horse"));
        List<String> waited = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waited.add(bob.awaitLine("WAITED "));
        }
        assertThat(waited.get(0)).matches("WAITED " + TIME + " PRIVATE alice bob are you there\\?");
        assertThat(waited.get(19)).matches("WAITED " + TIME + " PRIVATE alice bob line 20");
        bob.send("quit");
        bob.readToEnd();
        TestLineClient again = opened.track(TestLineClient.login(server.port(), "bob", "correct horse"));
        again.send("/list");
        assertThat(again.linesUntil("USERS ")).as("given once").noneMatch(l -> l.startsWith("WAITED "));
    }

    /**
     * A registered name that logs in again is told how many lines others said in #general while it was away (the
     * latest of them are its HISTORY), after its JOIN; a name that never registered, and one here for the first
     * time, are not.
     */
    @Test
    void aRegisteredNameThatComesBackIsToldHowManyLinesItMissed() throws Exception {
        ChatServer server = start(config().allowPlainPasswords(true).passwordIterations(1000));
        try (TestLineClient bob = TestLineClient.login(server.port(), "bob")) {
            bob.send("/register correct horse");
            bob.awaitLine("INFO bob is registered now");
            bob.send("before I go");
            bob.awaitLine("MSG bob before I go");
            bob.send("quit");
            bob.readToEnd();
        }
        TestLineClient alice = login(server, "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.onlineNames().equals(List.of("alice")));
        for (int i = 1; i <= 7; i++) {
            alice.send("while bob is away " + i);
            alice.awaitLine("MSG alice while bob is away " + i);
        }
        TestLineClient bob = opened.track(TestLineClient.connectRaw(server.port()));
        bob.awaitLine("HELLO ");
        bob.send("bob");
        bob.awaitLine("PASSWORD ");
        bob.send("correct horse");
        List<String> login = bob.linesUntil("JOIN bob ");
        assertThat(login).filteredOn(l -> l.startsWith("HISTORY ")).hasSize(5).last().asString().endsWith("MSG alice while bob is away 7");
        bob.send("/list");
        List<String> after = bob.linesUntil("USERS ");
        assertThat(after.get(0)).matches("MISSED 7 " + TIME);
        assertThat(after).filteredOn(l -> l.startsWith("MISSED ")).hasSize(1);

        TestLineClient carol = login(server, "carol");
        carol.send("/list");
        assertThat(carol.linesUntil("USERS ")).noneMatch(l -> l.startsWith("MISSED "));
        carol.send("quit");
        carol.readToEnd();
        TestLineClient again = login(server, "carol"); // not registered: nothing is noted of its comings and goings
        again.send("/list");
        assertThat(again.linesUntil("USERS ")).noneMatch(l -> l.startsWith("MISSED "));
    }

    @Test
    void aServerWithoutADataDirectoryKeepsNothingAndSaysSo() throws Exception {
        ChatServer server = start(ChatServerIT.base().transferPort(-1));
        TestLineClient alice = login(server, "alice");
        assertThat(answer(alice, "/history", "ERROR ")).last().isEqualTo(
                "ERROR NOT_KEPT this server keeps no lines beyond the last few newcomers are shown, so it has no history");
        assertThat(answer(alice, "/search hello", "ERROR ")).last().asString().startsWith("ERROR NOT_KEPT ");
    }
}
