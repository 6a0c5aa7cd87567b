package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.accounts.GuessThrottle;
import chat.server.accounts.Registry;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers serving one chat through a real {@code redis-server} (docs/OPERATIONS.md, "Several
 * nodes"): one order for everyone, names unique across nodes, private lines and lists across nodes, accounts
 * and bans that are the chat's, entries no node wrote. Faults (a node killed, Redis frozen or emptied, a
 * stream too short): ClusterFaultsIT.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterIT {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void everyoneOnEveryNodeReceivesEveryLineOnceInOneOrder() throws Exception {
        List<ChatServer> nodes = List.of(cluster.node(), cluster.node(), cluster.node());
        List<TestLineClient> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(cluster.login(nodes.get(i % 3), "c" + i));
        }
        for (TestLineClient client : clients.subList(0, 5)) {
            client.linesUntil("JOIN c5 "); // everyone is in before anyone speaks (c5 saw its own at login)
        }
        int perClient = 100;
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            TestLineClient client = clients.get(i);
            int sender = i;
            senders.add(cluster.pool.submit((Callable<Void>) () -> {
                for (int n = 0; n < perClient; n++) {
                    client.send("line " + sender + "-" + n);
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get(1, TimeUnit.MINUTES);
        }
        int total = perClient * clients.size();
        List<List<String>> received = new ArrayList<>();
        for (TestLineClient client : clients) {
            List<String> messages = new ArrayList<>();
            while (messages.size() < total) {
                String line = client.readLine();
                assertThat(line).isNotNull();
                if (line.startsWith("MSG ")) {
                    messages.add(line);
                }
            }
            received.add(messages);
        }
        assertThat(received.get(0)).doesNotHaveDuplicates().hasSize(total);
        for (List<String> messages : received) {
            assertThat(messages).as("one order on every node").isEqualTo(received.get(0));
        }
        Map<Integer, Integer> next = new HashMap<>();
        for (String line : received.get(0)) { // each sender's lines in the order it sent them
            String[] parts = line.substring(line.lastIndexOf(' ') + 1).split("-");
            int sender = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next.getOrDefault(sender, 0));
            next.put(sender, Integer.parseInt(parts[1]) + 1);
        }
    }

    @Test
    void oneNameClaimedFromThreeNodesAtOnceWelcomesExactlyOne() throws Exception {
        List<ChatServer> nodes = List.of(cluster.node(), cluster.node(), cluster.node());
        List<TestLineClient> racers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestLineClient racer = cluster.track(TestLineClient.connectRaw(nodes.get(i % 3).port()));
            racer.awaitLine("HELLO ");
            racers.add(racer);
        }
        List<Future<String>> answers = new ArrayList<>();
        for (TestLineClient racer : racers) {
            answers.add(cluster.pool.submit(() -> {
                racer.send("Racer");
                while (true) {
                    String line = racer.readLine();
                    if (line.startsWith("WELCOME ") || line.startsWith("ERROR NAME_TAKEN ")) {
                        return line.substring(0, line.indexOf(' ', 6));
                    }
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get(2, TimeUnit.MINUTES));
        }
        assertThat(outcomes).filteredOn(o -> o.startsWith("WELCOME")).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("ERROR NAME_TAKEN")).hasSize(99);
        assertThat(nodes.get(2).onlineNames()).containsExactly("Racer");
    }

    @Test
    void privateLinesListsJoinsAndLeavesCrossNodes() throws Exception {
        ChatServer one = cluster.node();
        ChatServer two = cluster.node();
        ChatServer three = cluster.node();
        TestLineClient alice = cluster.login(one, "alice");
        TestLineClient bob = cluster.login(two, "bob");
        assertThat(alice.linesUntil("JOIN bob ")).filteredOn(l -> l.startsWith("JOIN bob ")).hasSize(1);
        TestLineClient carol = cluster.login(three, "carol");
        alice.linesUntil("JOIN carol ");
        bob.linesUntil("JOIN carol ");

        carol.send("/list");
        assertThat(carol.awaitLine("USERS")).isEqualTo("USERS alice bob carol");
        alice.send("/msg BOB psst");
        assertThat(bob.awaitLine("PRIVATE")).isEqualTo("PRIVATE alice bob psst");
        assertThat(alice.awaitLine("PRIVATE")).isEqualTo("PRIVATE alice bob psst");
        alice.send("/notice bob build is green");
        assertThat(bob.awaitLine("PRIVATE_NOTICE")).isEqualTo("PRIVATE_NOTICE alice bob build is green");
        assertThat(alice.awaitLine("PRIVATE_NOTICE")).isEqualTo("PRIVATE_NOTICE alice bob build is green");
        bob.send("/notice #general deploying");
        assertThat(carol.awaitLine("NOTICE")).isEqualTo("NOTICE bob deploying");
        assertThat(alice.awaitLine("NOTICE")).isEqualTo("NOTICE bob deploying");
        alice.send("/msg ghost boo");
        assertThat(alice.awaitLine("ERROR")).startsWith("ERROR NO_SUCH_USER ghost");
        alice.send("/whois BOB");
        assertThat(alice.awaitLine("INFO bob")).startsWith("INFO bob: online since "); // answered by bob's node
        alice.send("asked");
        assertThat(bob.linesUntil("MSG alice asked")).as("the answer goes to the asker alone").noneMatch(l -> l.startsWith("INFO "));

        carol.send("/quit see you");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit: see you");
        assertThat(bob.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit: see you");
        alice.send("marker"); // said after the leave arrived: everything before it has come
        assertThat(alice.linesUntil("MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(bob.linesUntil("MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    /**
     * An operator of one node asks {@code /whois} of a member of another and kicks it: as on one server (the
     * address shown to operators only, as the asker's node decides), and everyone sees the kick once.
     */
    @Test
    void anOperatorAsksWhoisOfAndKicksAMemberOfAnotherNode(@TempDir Path data) throws Exception {
        ServerConfig config = cluster.config()
                .addresses(ServerConfig.AddressVisibility.HIDE).dataDir(data).passwordIterations(1000)
                .allowPlainPasswords(true).operators(List.of("alice")).build();
        TestAccounts.make(config, "alice", "correct horse"); // in Redis, as the console makes an operator's account
        ChatServer one = cluster.track(ChatServer.start(config));
        ChatServer two = cluster.node();
        TestLineClient alice = cluster.track(TestLineClient.login(one.port(), "alice", "correct horse"));
        TestLineClient dave = cluster.login(one, "dave");
        TestLineClient bob = cluster.login(two, "bob");
        TestLineClient carol = cluster.login(two, "carol");
        alice.linesUntil("JOIN carol ");
        dave.linesUntil("JOIN carol ");

        alice.send("/whois carol");
        assertThat(alice.awaitLine("INFO carol")).matches("INFO carol: online since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, from 127\\.0\\.0\\.1");
        dave.send("/whois carol");
        assertThat(dave.awaitLine("INFO carol")).matches("INFO carol: online since [^,]* UTC");
        carol.send("/whois alice");
        assertThat(carol.awaitLine("INFO alice")).startsWith("INFO alice: online since ").endsWith(" UTC, operator, from 127.0.0.1");
        alice.send("/whois ghost");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_USER ghost");

        carol.send("/kick bob");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_OPERATOR only operators may use /kick");
        alice.send("/kick ghost");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_USER ghost");
        alice.send("/kick BOB stop the spam");
        assertThat(bob.readToEnd()).last().isEqualTo("BYE kicked by alice: stop the spam");
        assertThat(carol.awaitLine("LEAVE ")).isEqualTo("LEAVE bob kicked by alice: stop the spam");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE bob kicked by alice: stop the spam");

        // the kicked name is held out on every node, not only the kicker's (told in the stream before this line)
        alice.send("after the kick");
        carol.linesUntil("MSG alice after the kick");
        assertThat(firstAnswer(two, "bob")).startsWith("ERROR NAME_HELD bob was kicked; ");
        assertThat(firstAnswer(one, "BOB")).startsWith("ERROR NAME_HELD BOB was kicked; ");
        TestLineClient again = cluster.login(two, "bobby");
        alice.send("marker");
        assertThat(again.linesUntil("MSG alice marker")).noneMatch(l -> l.startsWith("BYE"));
        assertThat(carol.linesUntil("MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
    }

    /** A name that looks like one online on another node is refused there too (one look-up of its spellings). */
    @Test
    void aLookAlikeOfANameOnlineOnAnotherNodeIsRefused() throws Exception {
        ChatServer one = cluster.node();
        ChatServer two = cluster.node();
        cluster.login(one, "alice");
        assertThat(firstAnswer(two, "aIice")).isEqualTo("ERROR NAME_LOOKALIKE aIice looks too much like alice, a name in use here; "
                + "choose another name");
        assertThat(firstAnswer(two, "a1ice")).startsWith("ERROR NAME_LOOKALIKE a1ice looks too much like alice");
        assertThat(firstAnswer(two, "alicia")).startsWith("WELCOME alicia ");
    }

    /**
     * Anything that can write to Redis can add entries to the stream: each is read as if a client had sent it,
     * and one that is not what a node writes is skipped (and logged), never the entries after it. Before, the
     * escape sequences, bidi overrides and an embedded PASSWORD line reached members byte for byte, an account
     * with a hash of one iteration was taken, and an entry without its node lost the three lines after it.
     */
    @Test
    void entriesNoNodeCouldHaveWrittenAreSkippedAndTheEntriesAfterThemArrive(@TempDir Path data) throws Exception {
        ChatServer one = cluster.accountsNode(data.resolve("one"));
        TestLineClient alice = cluster.login(one, "alice");
        String[][] forged = {
            {"k", "s", "l", "MSG mallory \u001b]52;c;ZXZpbA==\u0007 copied\n"}, // OSC 52: writes the clipboard
            {"k", "s", "l", "MSG mallory hi\nPASSWORD boss boss is registered; send its password\n"},
            {"k", "s", "l", "MSG mallory \u202Eexe.txt\n"},
            {"k", "s", "l", "MSG  two spaces\n"},
            {"k", "s", "l", "MSG mallory no line end"},
            {"k", "i", "l", "MSG mallory an INFO entry holding another kind of line\n"},
            {"k", "j", "n", "mallory", "l", "JOIN mallory 10.0.0.1\n"}, // no node
            {"k", "a", "n", "boss", "l", "boss pbkdf2-sha256 1 AAAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
            {"k", "r", "n", "Alice", "l", "not a key"},
        };
        for (String[] fields : forged) {
            List<String> words = new ArrayList<>(List.of("XADD", "chat:stream", "*"));
            words.addAll(List.of(fields));
            assertThat(cluster.redis.command(words.toArray(String[]::new))).startsWith("$");
        }
        for (String after : List.of("after one", "after two", "after three")) {
            cluster.redis.command("XADD", "chat:stream", "*", "k", "s", "l", "MSG mallory " + after + "\n");
        }
        List<String> got = alice.linesUntil("MSG mallory after three");
        assertThat(got).containsSubsequence("MSG mallory after one", "MSG mallory after two", "MSG mallory after three");
        assertThat(got).allMatch(l -> l.startsWith("MSG mallory after ") || l.startsWith("INFO ") && !l.contains("MSG"),
                "only the valid entries' lines");
        assertThat(firstAnswer(one, "boss")).startsWith("WELCOME boss "); // the weak account was not taken
        alice.send("/list");
        assertThat(alice.awaitLine("USERS ")).doesNotContain("mallory");
    }

    /**
     * A ban is the chat's: made on one node it removes the member on another and keeps it out of every node,
     * and lifted on one it lets it in everywhere; each node's data directory keeps a copy.
     */
    @Test
    void aBanOnOneNodeHoldsOnEveryNode(@TempDir Path data) throws Exception {
        ServerConfig config = cluster.config()
                .dataDir(data.resolve("one")).passwordIterations(1000).allowPlainPasswords(true).operators(List.of("alice")).build();
        ChatServer one = cluster.track(ChatServer.start(config));
        ChatServer two = cluster.accountsNode(data.resolve("two"));
        TestAccounts.make(config, "alice", "correct horse"); // while the nodes run: every node takes it at once
        for (String node : List.of("one", "two")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> StoredRegistry.accounts(data.resolve(node)).containsKey("alice"));
        }
        TestLineClient alice = cluster.track(TestLineClient.login(one.port(), "alice", "correct horse"));
        TestLineClient bob = cluster.login(two, "bob");
        TestLineClient carol = cluster.login(two, "carol");
        alice.linesUntil("JOIN carol ");

        alice.send("/ban bob 1h flooding");
        assertThat(alice.awaitLine("INFO Banned")).matches("INFO Banned bob until .* UTC: flooding\\.");
        assertThat(bob.readToEnd()).last().asString().matches("BYE banned by alice until .* UTC: flooding");
        assertThat(carol.awaitLine("LEAVE ")).matches("LEAVE bob banned by alice until .* UTC: flooding");
        assertThat(firstAnswer(two, "Bob")).matches("ERROR BANNED Bob is banned from this server until .* UTC: flooding");
        assertThat(String.join("\n", StoredRegistry.bans(data.resolve("two")))).contains(" bob - alice ");

        alice.send("/unban bob");
        alice.awaitLine("INFO Lifted the ban of bob");
        alice.send("marker"); // appended after the lift: once carol has it, so has carol's node
        carol.linesUntil("MSG alice marker");
        assertThat(firstAnswer(two, "bob")).startsWith("WELCOME bob ");
    }

    /**
     * A line its speaker's node published as the ban came (the speaker's reader past its check, the ban's entry in
     * the stream first) is after the ban in the chat's one order: no node delivers it. Before, it reached everyone.
     */
    @Test
    void aLineOnItsWayAsItsSpeakerIsBannedReachesNobody(@TempDir Path data) throws Exception {
        ServerConfig config = cluster.config()
                .dataDir(data.resolve("one")).passwordIterations(1000).allowPlainPasswords(true).operators(List.of("alice")).build();
        ChatServer one = cluster.track(ChatServer.start(config));
        ChatServer two = cluster.node();
        TestAccounts.make(config, "alice", "correct horse");
        await().atMost(Duration.ofSeconds(30)).until(() -> StoredRegistry.accounts(data.resolve("one")).containsKey("alice"));
        TestLineClient alice = cluster.track(TestLineClient.login(one.port(), "alice", "correct horse"));
        TestLineClient carol = cluster.login(two, "carol");
        alice.linesUntil("JOIN carol ");
        alice.send("/ban mallory");
        alice.awaitLine("INFO Banned mallory.");

        cluster.redis.command("XADD", "chat:stream", "*", "k", "s", "l", "MSG mallory on its way as the ban came\n");
        alice.send("after the ban");
        List<String> got = carol.linesUntil("MSG alice after the ban");
        assertThat(got).noneMatch(l -> l.contains("mallory on its way"));
        assertThat(alice.linesUntil("MSG alice after the ban")).noneMatch(l -> l.contains("mallory on its way"));
    }

    /** Sends {@code name} on a new connection to {@code node} and returns the first answer after HELLO. */
    private String firstAnswer(ChatServer node, String name) throws IOException {
        return firstAnswer(connectedFrom(node, "127.0.0.1"), name);
    }

    /** A new connection from {@code localAddress} to {@code node}, past its HELLO. */
    private TestLineClient connectedFrom(ChatServer node, String localAddress) throws IOException {
        TestLineClient client = cluster.track(TestLineClient.connectRaw(localAddress, node.port(), 0));
        client.awaitLine("HELLO ");
        return client;
    }

    /** Sends {@code name} as a login's name and returns the answer. */
    private static String firstAnswer(TestLineClient client, String name) throws IOException {
        client.send(name);
        String line;
        do {
            line = client.awaitLine("");
        } while (line.startsWith("LIMITS "));
        return line;
    }

    /**
     * Registered names are the chat's, not a node's: what one server had registered comes along when it
     * becomes a node, a name registered or released on one node is so on every node, and when Redis loses
     * them the nodes bring them back. Each node's data directory keeps a copy.
     */
    @Test
    void registeredNamesAreTheSameOnEveryNodeAndComeBackAfterRedisLostThem(@TempDir Path data) throws Exception {
        try (ChatServer alone = ChatServer.start(ChatServerIT.base().dataDir(data.resolve("one")).passwordIterations(1000)
                .allowPlainPasswords(true).build()); TestLineClient alice = TestLineClient.login(alone.port(), "alice")) {
            alice.send("/register correct horse");
            alice.awaitLine("INFO alice is registered now");
        }
        ChatServer one = cluster.accountsNode(data.resolve("one"));
        ChatServer two = cluster.accountsNode(data.resolve("two"));
        assertThat(firstAnswer(two, "alice")).isEqualTo("PASSWORD alice alice is registered; send its password");

        TestLineClient watcher = cluster.login(one, "watcher");
        TestLineClient bob = cluster.login(two, "bob");
        bob.send("/register battery staple");
        bob.awaitLine("INFO bob is registered now");
        bob.send("quit");
        watcher.linesUntil("LEAVE bob "); // node one has read the registration: it came before the leave
        assertThat(firstAnswer(one, "BOB")).isEqualTo("PASSWORD bob bob is registered; send its password");
        Map<String, String> stale = StoredRegistry.accounts(data.resolve("one"));
        assertThat(stale.get("bob")).startsWith("bob pbkdf2-sha256 1000 ");

        cluster.redis.restartEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> ":1".equals(cluster.redis.command("HEXISTS", "chat:accounts", "bob"))
                && ":1".equals(cluster.redis.command("HEXISTS", "chat:accounts", "alice")));
        ChatServer three = cluster.accountsNode(data.resolve("three")); // none of its own: it has them from Redis
        TestLineClient back = cluster.track(TestLineClient.connectRaw(three.port()));
        back.awaitLine("HELLO ");
        back.send("bob");
        assertThat(back.awaitLine("PASSWORD ")).startsWith("PASSWORD bob ");
        back.send("battery staple");
        back.awaitLine("WELCOME bob ");
        back.send("/unregister");
        back.awaitLine("INFO bob is no longer registered");
        back.send("quit");
        watcher.linesUntil("LEAVE bob ");
        // a node whose copy is older than the release does not bring the name back: Redis's accounts are live
        Path four = Files.createDirectories(data.resolve("four"));
        Files.writeString(four.resolve(Registry.ACCOUNTS_FILE), String.join("\n", stale.values()) + "\n"); // from a release before the store
        assertThat(firstAnswer(cluster.accountsNode(four), "bob")).startsWith("WELCOME bob ");
        assertThat(StoredRegistry.accounts(four)).doesNotContainKey("bob").containsKey("alice");
    }

    @Test
    void wrongPasswordsGivenOnOneNodeCountOnEveryNode(@TempDir Path data) throws Exception {
        ChatServer one = cluster.accountsNode(data.resolve("one"));
        ChatServer two = cluster.accountsNode(data.resolve("two"));
        TestLineClient watcher = cluster.login(one, "watcher");
        for (String name : List.of("alice", "carol")) {
            TestLineClient owner = cluster.login(two, name);
            owner.send("/register correct horse");
            owner.awaitLine("INFO " + name + " is registered now");
            owner.send("quit");
            watcher.linesUntil("LEAVE " + name + " ");
        }
        // two wrong passwords more than are free, on node one: alice and this address must wait 4 s after the last
        TestLineClient guesser = connectedFrom(one, "127.0.0.1");
        for (int i = 0; i < GuessThrottle.FREE_FAILURES + 2; i++) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> firstAnswer(guesser, "alice").startsWith("PASSWORD alice ")); // else throttled: not asked
            guesser.send("guess " + i);
            assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_WRONG ");
        }
        // node two counted them: the address waits there, for alice and for another name; from another address
        // alice is asked at once (each try on a new connection: one asked for a password is not answered, so
        // nothing is guessed)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(
                () -> firstAnswer(connectedFrom(two, "127.0.0.1"), "carol"),
                answer -> answer.startsWith("ERROR PASSWORD_THROTTLED too many wrong passwords from your address"));
        assertThat(firstAnswer(connectedFrom(two, "127.0.0.1"), "alice"))
                .matches("ERROR PASSWORD_THROTTLED too many wrong passwords (for alice )?from your address; .*");
        assertThat(firstAnswer(connectedFrom(two, "127.0.0.2"), "alice")).startsWith("PASSWORD alice ");
    }
}
