package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.accounts.GuessThrottle;
import chat.server.accounts.Registry;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers serving one chat through a real {@code redis-server} (docs/OPERATIONS.md, "Several
 * nodes"): one order for everyone, names unique across nodes, private lines and lists across nodes, and the
 * faults: a node killed, Redis frozen and resumed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterIT {
    /** Short, so that a dead node is noticed within seconds; the default is 10 s. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private RedisProcess redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        redis.close();
    }

    private ChatServer node() throws IOException {
        ChatServer node = ChatServer.start(ChatServerIT.base().transferPort(-1).history(0)
                .cluster(redis.uri(), NODE_TIMEOUT).build());
        open.add(node);
        return node;
    }

    private TestLineClient login(ChatServer node, String name) throws IOException {
        TestLineClient client = TestLineClient.login(node.port(), name);
        open.add(client);
        return client;
    }

    /** Two nodes, alice on the first and bob on the second, alice having seen bob join. */
    private record Pair(ChatServer one, ChatServer two, TestLineClient alice, TestLineClient bob) {}

    private Pair alicePlusBob() throws IOException {
        ChatServer one = node();
        ChatServer two = node();
        TestLineClient alice = login(one, "alice");
        TestLineClient bob = login(two, "bob");
        linesUntil(alice, "JOIN bob ");
        return new Pair(one, two, alice, bob);
    }

    /**
     * Far more lines at once than a node may hold (40) or the stream keeps (about 500): a node waits for
     * Redis and for its own reader instead of refusing lines or letting the stream drop them unread, for as
     * long as lines keep going out (beside two busy loops a sender here once waited longer than the node
     * timeout in all, and a line was refused). One node: the read-back bound is per node; with several, a node
     * whose reader is starved while the others' members go on sending can still fall a whole stream behind,
     * and is then told ({@link #linesTrimmedBeforeANodeReadThemAreToldNotHidden}).
     */
    /**
     * Long lines make the stream's entry count take far more memory than short ones (4 KB lines: about 470 MB
     * at 100,000 entries, against the 10-20 MB documented): the stream is also kept within a byte budget
     * ({@code --cluster-stream-bytes}), here its least, 1 MiB, while 2,000 lines of 3,900 bytes (7.8 MB) go
     * through.
     */
    @Test
    void theStreamStaysWithinItsByteBudgetWhateverTheLines() throws Exception {
        ChatServer node = ChatServer.start(ChatServerIT.base().transferPort(-1).history(0).sendQueue(10_000, 64 << 20)
                .cluster(redis.uri(), NODE_TIMEOUT).clusterStreamBytes(1 << 20).build());
        open.add(node);
        TestLineClient alice = login(node, "alice");
        String text = "x".repeat(3_900);
        long most = 0;
        for (int batch = 0; batch < 20; batch++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                lines.append(text).append('\n');
            }
            alice.sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 100; i++) {
                alice.awaitLine("MSG alice ");
            }
            most = Math.max(most, Long.parseLong(redis.command("MEMORY", "USAGE", "chat:stream").substring(1)));
        }
        long budget = 1 << 20;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Long.parseLong(redis.command("MEMORY", "USAGE", "chat:stream").substring(1)) <= budget);
        long after = Long.parseLong(redis.command("MEMORY", "USAGE", "chat:stream").substring(1));
        System.out.printf("stream with a 1 MiB budget, 2,000 lines of 3,900 bytes: at most %.2f MiB after each 100 lines, "
                + "%.2f MiB at the end (%s entries)%n", most / 1048576.0, after / 1048576.0, redis.command("XLEN", "chat:stream"));
        assertThat(most).as("bytes at any check: looked at every tenth of the budget appended").isLessThan(budget * 3 / 2);
        alice.send("still going");
        alice.awaitLine("MSG alice still going");
    }

    @Test
    void aBurstLargerThanTheStreamKeepsArrivesWhole() throws Exception {
        ChatServer node = ChatServer.start(ChatServerIT.base().transferPort(-1).history(0)
                .cluster(redis.uri(), NODE_TIMEOUT).clusterBounds(40, 500).build());
        open.add(node);
        int senders = 4;
        int perSender = 2_500;
        List<TestLineClient> members = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            members.add(login(node, "burst" + i));
        }
        for (TestLineClient member : members.subList(0, senders - 1)) { // the last one saw its own join at login
            linesUntil(member, "JOIN burst" + (senders - 1) + " ");
        }
        List<Future<List<String>>> received = new ArrayList<>();
        for (TestLineClient member : members) {
            received.add(pool.submit(() -> untilMessages(member, senders * perSender).stream()
                    .filter(line -> line.startsWith("MSG ")).toList()));
        }
        for (int i = 0; i < senders; i++) {
            StringBuilder burst = new StringBuilder();
            for (int n = 0; n < perSender; n++) {
                burst.append("line ").append(n).append('\n');
            }
            TestLineClient member = members.get(i);
            pool.submit(() -> {
                member.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
                return null;
            });
        }
        List<String> seen = Deliveries.sameAtEveryReceiver(received, 120);
        for (int i = 0; i < senders; i++) {
            Deliveries.eachOnceInOrder(seen, "MSG burst" + i + " ", "line ", perSender);
        }
    }

    /** A node run as server.jar in its own process (to be killed or stopped), its data in {@code dir}. */
    private JarProcess nodeProcess(Path dir) throws IOException {
        return JarProcess.start(ServerJarIT.SERVER_JAR, "--port", "0", "--transfer-port", "off", "--history", "0",
                "--data-dir", Files.createDirectories(dir).toString(), "--cluster", redis.uri().toString(),
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toSeconds()));
    }

    /** {@code name} logged in on a node process, once {@code watcher} (on another node) has seen it join. */
    private TestLineClient memberOn(JarProcess node, String name, TestLineClient watcher) throws Exception {
        TestLineClient member = TestLineClient.login(ServerJarIT.awaitListening(node), name);
        open.add(member);
        linesUntil(watcher, "JOIN " + name + " ");
        return member;
    }

    /** Lines up to the first that starts with {@code prefix}, that one included. */
    private static List<String> linesUntil(TestLineClient client, String prefix) throws IOException {
        return client.linesUntil(prefix);
    }

    /** Lines until {@code count} {@code MSG} lines have come, all of them included. */
    private static List<String> untilMessages(TestLineClient client, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        int messages = 0;
        while (messages < count) {
            String line = client.readLine();
            assertThat(line).as("stream ended; got " + lines).isNotNull();
            lines.add(line);
            if (line.startsWith("MSG ")) {
                messages++;
            }
        }
        return lines;
    }

    @Test
    void everyoneOnEveryNodeReceivesEveryLineOnceInOneOrder() throws Exception {
        List<ChatServer> nodes = List.of(node(), node(), node());
        List<TestLineClient> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(login(nodes.get(i % 3), "c" + i));
        }
        for (TestLineClient client : clients.subList(0, 5)) {
            linesUntil(client, "JOIN c5 "); // everyone is in before anyone speaks (c5 saw its own at login)
        }
        int perClient = 100;
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            TestLineClient client = clients.get(i);
            int sender = i;
            senders.add(pool.submit((Callable<Void>) () -> {
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
        List<ChatServer> nodes = List.of(node(), node(), node());
        List<TestLineClient> racers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestLineClient racer = TestLineClient.connectRaw(nodes.get(i % 3).port());
            open.add(racer);
            racer.awaitLine("HELLO ");
            racers.add(racer);
        }
        List<Future<String>> answers = new ArrayList<>();
        for (TestLineClient racer : racers) {
            answers.add(pool.submit(() -> {
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
        ChatServer one = node();
        ChatServer two = node();
        ChatServer three = node();
        TestLineClient alice = login(one, "alice");
        TestLineClient bob = login(two, "bob");
        assertThat(linesUntil(alice, "JOIN bob ")).filteredOn(l -> l.startsWith("JOIN bob ")).hasSize(1);
        TestLineClient carol = login(three, "carol");
        linesUntil(alice, "JOIN carol ");
        linesUntil(bob, "JOIN carol ");

        carol.send("/list");
        assertThat(carol.awaitLine("USERS")).isEqualTo("USERS alice bob carol");
        alice.send("/msg BOB psst");
        assertThat(bob.awaitLine("PRIVATE")).isEqualTo("PRIVATE alice bob psst");
        assertThat(alice.awaitLine("PRIVATE")).isEqualTo("PRIVATE alice bob psst");
        alice.send("/msg ghost boo");
        assertThat(alice.awaitLine("ERROR")).startsWith("ERROR NO_SUCH_USER ghost");
        alice.send("/whois BOB");
        assertThat(alice.awaitLine("INFO bob")).startsWith("INFO bob: online since "); // answered by bob's node
        alice.send("asked");
        assertThat(linesUntil(bob, "MSG alice asked")).as("the answer goes to the asker alone").noneMatch(l -> l.startsWith("INFO "));

        carol.send("/quit see you");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit: see you");
        assertThat(bob.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit: see you");
        alice.send("marker"); // said after the leave arrived: everything before it has come
        assertThat(linesUntil(alice, "MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(linesUntil(bob, "MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    /**
     * An operator of one node asks {@code /whois} of a member of another and kicks it: as on one server (the
     * address shown to operators only, as the asker's node decides), and everyone sees the kick once.
     */
    @Test
    void anOperatorAsksWhoisOfAndKicksAMemberOfAnotherNode(@TempDir Path data) throws Exception {
        ServerConfig config = ChatServerIT.base().transferPort(-1).history(0).cluster(redis.uri(), NODE_TIMEOUT)
                .addresses(ServerConfig.AddressVisibility.HIDE).dataDir(data).passwordIterations(1000)
                .allowPlainPasswords(true).operators(List.of("alice")).build();
        TestAccounts.make(config, "alice", "correct horse"); // in Redis, as the console makes an operator's account
        ChatServer one = ChatServer.start(config);
        open.add(one);
        ChatServer two = node();
        TestLineClient alice = TestLineClient.login(one.port(), "alice", "correct horse");
        open.add(alice);
        TestLineClient dave = login(one, "dave");
        TestLineClient bob = login(two, "bob");
        TestLineClient carol = login(two, "carol");
        linesUntil(alice, "JOIN carol ");
        linesUntil(dave, "JOIN carol ");

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
        linesUntil(carol, "MSG alice after the kick");
        assertThat(firstAnswer(two, "bob")).startsWith("ERROR NAME_HELD bob was kicked; ");
        assertThat(firstAnswer(one, "BOB")).startsWith("ERROR NAME_HELD BOB was kicked; ");
        TestLineClient again = login(two, "bobby");
        alice.send("marker");
        assertThat(linesUntil(again, "MSG alice marker")).noneMatch(l -> l.startsWith("BYE"));
        assertThat(linesUntil(carol, "MSG alice marker")).as("once").noneMatch(l -> l.startsWith("LEAVE"));
    }

    /** A name that looks like one online on another node is refused there too (one look-up of its spellings). */
    @Test
    void aLookAlikeOfANameOnlineOnAnotherNodeIsRefused() throws Exception {
        ChatServer one = node();
        ChatServer two = node();
        login(one, "alice");
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
        ChatServer one = accountsNode(data.resolve("one"));
        TestLineClient alice = login(one, "alice");
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
            assertThat(redis.command(words.toArray(String[]::new))).startsWith("$");
        }
        for (String after : List.of("after one", "after two", "after three")) {
            redis.command("XADD", "chat:stream", "*", "k", "s", "l", "MSG mallory " + after + "\n");
        }
        List<String> got = linesUntil(alice, "MSG mallory after three");
        assertThat(got).containsSubsequence("MSG mallory after one", "MSG mallory after two", "MSG mallory after three");
        assertThat(got).allMatch(l -> l.startsWith("MSG mallory after ") || l.startsWith("INFO ") && !l.contains("MSG"),
                "only the valid entries' lines");
        assertThat(firstAnswer(one, "boss")).startsWith("WELCOME boss "); // the weak account was not taken
        alice.send("/list");
        assertThat(alice.awaitLine("USERS ")).doesNotContain("mallory");
    }

    /** A registration while Redis is frozen is refused with a clear answer, not left hanging. */
    @Test
    void aRegistrationWhileRedisIsFrozenAnswersNotSaved(@TempDir Path data) throws Exception {
        ChatServer one = accountsNode(data.resolve("one"));
        TestLineClient alice = login(one, "alice");
        redis.pause();
        try {
            alice.send("/register correct horse");
            assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR NOT_SAVED the server could not save that, so nothing changed; try again later");
        } finally {
            redis.resume();
        }
    }

    /**
     * A ban is the chat's: made on one node it removes the member on another and keeps it out of every node,
     * and lifted on one it lets it in everywhere; each node's data directory keeps a copy.
     */
    @Test
    void aBanOnOneNodeHoldsOnEveryNode(@TempDir Path data) throws Exception {
        ServerConfig config = ChatServerIT.base().transferPort(-1).history(0).cluster(redis.uri(), NODE_TIMEOUT)
                .dataDir(data.resolve("one")).passwordIterations(1000).allowPlainPasswords(true).operators(List.of("alice")).build();
        ChatServer one = ChatServer.start(config);
        open.add(one);
        ChatServer two = accountsNode(data.resolve("two"));
        TestAccounts.make(config, "alice", "correct horse"); // while the nodes run: every node takes it at once
        for (String node : List.of("one", "two")) {
            Path copy = data.resolve(node).resolve(Registry.ACCOUNTS_FILE);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(copy) && Files.readString(copy).contains("alice pbkdf2"));
        }
        TestLineClient alice = TestLineClient.login(one.port(), "alice", "correct horse");
        open.add(alice);
        TestLineClient bob = login(two, "bob");
        TestLineClient carol = login(two, "carol");
        linesUntil(alice, "JOIN carol ");

        alice.send("/ban bob 1h flooding");
        assertThat(alice.awaitLine("INFO Banned")).matches("INFO Banned bob until .* UTC: flooding\\.");
        assertThat(bob.readToEnd()).last().asString().matches("BYE banned by alice until .* UTC: flooding");
        assertThat(carol.awaitLine("LEAVE ")).matches("LEAVE bob banned by alice until .* UTC: flooding");
        assertThat(firstAnswer(two, "Bob")).matches("ERROR BANNED Bob is banned from this server until .* UTC: flooding");
        assertThat(Files.readString(data.resolve("two").resolve(Registry.BANS_FILE))).contains(" bob - alice ");

        alice.send("/unban bob");
        alice.awaitLine("INFO Lifted the ban of bob");
        alice.send("marker"); // appended after the lift: once carol has it, so has carol's node
        linesUntil(carol, "MSG alice marker");
        assertThat(firstAnswer(two, "bob")).startsWith("WELCOME bob ");
    }

    /** A node keeping its copy of the accounts in {@code dir}, plain-text passwords allowed, few hash iterations. */
    private ChatServer accountsNode(Path dir) throws IOException {
        ChatServer node = ChatServer.start(ChatServerIT.base().transferPort(-1).history(0).cluster(redis.uri(), NODE_TIMEOUT)
                .dataDir(dir).passwordIterations(1000).allowPlainPasswords(true).build());
        open.add(node);
        return node;
    }

    /** Sends {@code name} on a new connection to {@code node} and returns the first answer after HELLO. */
    private String firstAnswer(ChatServer node, String name) throws IOException {
        return firstAnswer(connectedFrom(node, "127.0.0.1"), name);
    }

    /** A new connection from {@code localAddress} to {@code node}, past its HELLO. */
    private TestLineClient connectedFrom(ChatServer node, String localAddress) throws IOException {
        TestLineClient client = TestLineClient.connectRaw(localAddress, node.port(), 0);
        open.add(client);
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
        ChatServer one = accountsNode(data.resolve("one"));
        ChatServer two = accountsNode(data.resolve("two"));
        assertThat(firstAnswer(two, "alice")).isEqualTo("PASSWORD alice alice is registered; send its password");

        TestLineClient watcher = login(one, "watcher");
        TestLineClient bob = login(two, "bob");
        bob.send("/register battery staple");
        bob.awaitLine("INFO bob is registered now");
        bob.send("quit");
        linesUntil(watcher, "LEAVE bob "); // node one has read the registration: it came before the leave
        assertThat(firstAnswer(one, "BOB")).isEqualTo("PASSWORD bob bob is registered; send its password");
        String stale = Files.readString(data.resolve("one").resolve(Registry.ACCOUNTS_FILE));
        assertThat(stale).contains("bob pbkdf2-sha256 1000 ");

        redis.restartEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> ":1".equals(redis.command("HEXISTS", "chat:accounts", "bob"))
                && ":1".equals(redis.command("HEXISTS", "chat:accounts", "alice")));
        ChatServer three = accountsNode(data.resolve("three")); // none of its own: it has them from Redis
        TestLineClient back = TestLineClient.connectRaw(three.port());
        open.add(back);
        back.awaitLine("HELLO ");
        back.send("bob");
        assertThat(back.awaitLine("PASSWORD ")).startsWith("PASSWORD bob ");
        back.send("battery staple");
        back.awaitLine("WELCOME bob ");
        back.send("/unregister");
        back.awaitLine("INFO bob is no longer registered");
        back.send("quit");
        linesUntil(watcher, "LEAVE bob ");
        // a node whose copy is older than the release does not bring the name back: Redis's accounts are live
        Path four = Files.createDirectories(data.resolve("four"));
        Files.writeString(four.resolve(Registry.ACCOUNTS_FILE), stale);
        assertThat(firstAnswer(accountsNode(four), "bob")).startsWith("WELCOME bob ");
        assertThat(Files.readString(four.resolve(Registry.ACCOUNTS_FILE))).doesNotContain("bob ").contains("alice ");
    }

    @Test
    void wrongPasswordsGivenOnOneNodeCountOnEveryNode(@TempDir Path data) throws Exception {
        ChatServer one = accountsNode(data.resolve("one"));
        ChatServer two = accountsNode(data.resolve("two"));
        TestLineClient watcher = login(one, "watcher");
        for (String name : List.of("alice", "carol")) {
            TestLineClient owner = login(two, name);
            owner.send("/register correct horse");
            owner.awaitLine("INFO " + name + " is registered now");
            owner.send("quit");
            linesUntil(watcher, "LEAVE " + name + " ");
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

    @Test
    void aKilledNodesMembersLeaveEverywhereOnceAndTheirNamesAreFree(@TempDir Path data) throws Exception {
        ChatServer survivor = node();
        TestLineClient watcher = login(survivor, "watcher");
        try (JarProcess doomed = nodeProcess(data.resolve("doomed"))) {
            memberOn(doomed, "victim", watcher);
            long killedAt = System.nanoTime();
            doomed.kill();
            assertThat(watcher.awaitLine("LEAVE ")).isEqualTo("LEAVE victim " + ServerText.LEFT_WITH_NODE);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("node killed: its member's LEAVE after %d ms (node timeout %d s)%n", tookMillis, NODE_TIMEOUT.toSeconds());
            assertThat(tookMillis).as("the documented bound: the node timeout and one heartbeat, well within 15 s")
                    .isLessThan(15_000);
        }
        TestLineClient again = login(survivor, "victim");
        watcher.send("marker");
        assertThat(linesUntil(again, "MSG watcher marker")).noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(linesUntil(watcher, "MSG watcher marker")).noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(survivor.onlineNames()).containsExactly("victim", "watcher");
    }

    /**
     * A node that could not read for a while finds entries trimmed meanwhile (here by hand, as MAXLEN would
     * under a flood): its members are told how many lines they missed instead of missing them silently.
     */
    @Test
    void linesTrimmedBeforeANodeReadThemAreToldNotHidden(@TempDir Path data) throws Exception {
        ChatServer one = node();
        TestLineClient alice = login(one, "alice");
        try (JarProcess stalled = nodeProcess(data.resolve("stalled"))) {
            TestLineClient bob = memberOn(stalled, "bob", alice);

            stalled.signal("STOP"); // briefly: well within the node timeout
            stalled.awaitStopped();
            // a read the stopped node had waiting in Redis is answered with this line alone (its answer waits
            // in the node's socket); the lines sent after it can only be read once the node runs again
            alice.send("before");
            linesUntil(alice, "MSG alice before");
            alice.send("trimmed 1");
            alice.send("trimmed 2");
            linesUntil(alice, "MSG alice trimmed 2");
            assertThat(redis.command("XTRIM", "chat:stream", "MAXLEN", "0")).isNotNull();
            stalled.signal("CONT");
            alice.send("after");

            List<String> seen = linesUntil(bob, "MSG alice after");
            assertThat(seen).as("trimmed before the node read them").noneMatch(line -> line.startsWith("MSG alice trimmed"));
            long before = seen.stream().filter(line -> line.equals("MSG alice before")).count();
            String told = seen.stream().filter(line -> line.contains("never reached this server")).findFirst().orElse("");
            assertThat(told).as("bob saw " + seen).matches("INFO \\d+ lines? of the chat .*");
            assertThat(before + Long.parseLong(told.split(" ")[1])).as("bob saw " + seen).isEqualTo(3);
        }
    }

    @Test
    void redisFrozenAndResumedLosesAndRepeatsNothingAndKeepsEveryoneConnected() throws Exception {
        Pair pair = alicePlusBob();
        ChatServer one = pair.one();
        TestLineClient alice = pair.alice();
        TestLineClient bob = pair.bob();
        alice.send("before");
        linesUntil(bob, "MSG alice before");

        redis.pause();
        alice.send("during 1");
        assertThat(alice.awaitLine("INFO This server has lost its link")).contains("refused at once", "your public lines wait");
        alice.send("during 2");
        alice.send("/list");
        assertThat(alice.awaitLine("ERROR")).startsWith("ERROR LINK_DOWN ");
        bob.send("from bob during");
        assertThat(bob.awaitLine("INFO This server has lost its link")).isNotNull();
        // frozen for longer than the node timeout: no node may take another for dead over it
        redis.holdFrozen(NODE_TIMEOUT.multipliedBy(2));
        redis.resume();

        alice.send("after");
        List<String> seenByBob = untilMessages(bob, 4);
        List<String> seenByAlice = untilMessages(alice, 4);
        List<String> bobsMessages = seenByBob.stream().filter(l -> l.startsWith("MSG")).toList();
        assertThat(bobsMessages).containsExactlyInAnyOrder(
                "MSG alice during 1", "MSG alice during 2", "MSG bob from bob during", "MSG alice after");
        assertThat(bobsMessages).containsSubsequence("MSG alice during 1", "MSG alice during 2", "MSG alice after");
        assertThat(seenByAlice.stream().filter(l -> l.startsWith("MSG")).toList()).as("one order").isEqualTo(bobsMessages);
        assertThat(seenByBob).noneMatch(l -> l.startsWith("LEAVE") || l.startsWith("JOIN"));
        assertThat(seenByAlice).noneMatch(l -> l.startsWith("LEAVE") || l.startsWith("JOIN"));
        alice.send("marker");
        assertThat(linesUntil(bob, "MSG alice marker")).as("nothing twice").noneMatch(l -> l.startsWith("MSG") && !l.endsWith("marker"));
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    @Test
    void redisRestartedEmptyGetsEveryNodesMembersBackWithoutAWordToAnyone() throws Exception {
        Pair pair = alicePlusBob();
        ChatServer one = pair.one();
        TestLineClient alice = pair.alice();
        TestLineClient bob = pair.bob();

        redis.restartEmpty();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(one.onlineNames()).containsExactly("alice", "bob"));
        alice.send("after the restart");
        List<String> seenByBob = linesUntil(bob, "MSG alice after the restart");
        assertThat(seenByBob).noneMatch(l -> l.startsWith("LEAVE") || l.startsWith("JOIN"));
        TestLineClient impostor = TestLineClient.connectRaw(one.port());
        open.add(impostor);
        impostor.awaitLine("HELLO ");
        impostor.send("bob");
        assertThat(impostor.awaitLine("ERROR")).startsWith("ERROR NAME_TAKEN");
    }

    /**
     * A login while Redis is frozen is refused, but its claim waits in Redis's input and is applied when Redis
     * resumes, after the node gave up on it: the node frees that name again, or nobody could take it until the
     * node stopped.
     */
    @Test
    void aNameClaimedWhileRedisWasFrozenIsFreeAgainOnceRedisIsBack() throws Exception {
        Pair pair = alicePlusBob();
        redis.pause();
        TestLineClient refused = TestLineClient.connectRaw(pair.one().port());
        open.add(refused);
        refused.awaitLine("HELLO ");
        refused.send("carol");
        assertThat(refused.awaitLine("ERROR")).startsWith("ERROR LINK_DOWN ");
        redis.resume();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> logsIn(pair.two(), "carol"));
        assertThat(pair.one().onlineNames()).containsExactly("alice", "bob", "carol");
    }

    /** Whether {@code name} is let in on {@code node} now (the client stays open if so). */
    private boolean logsIn(ChatServer node, String name) throws IOException {
        TestLineClient client = TestLineClient.connectRaw(node.port());
        client.awaitLine("HELLO ");
        client.send(name);
        String answer;
        do {
            answer = client.readLine();
        } while (answer != null && !answer.startsWith("WELCOME") && !answer.startsWith("ERROR"));
        if (answer != null && answer.startsWith("WELCOME")) {
            open.add(client);
            return true;
        }
        client.close();
        return false;
    }

    @Test
    void aNodeShuttingDownSaysItsMembersLeaveAndFreesTheirNames() throws Exception {
        Pair pair = alicePlusBob();
        ChatServer one = pair.one();
        TestLineClient alice = pair.alice();
        pair.two().close();
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE bob server shutting down");
        login(one, "bob");
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    @Test
    void aNodeThatCannotReachRedisDoesNotStart() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        ServerConfig config = ChatServerIT.base().transferPort(-1)
                .cluster(URI.create("redis://127.0.0.1:" + port), NODE_TIMEOUT).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChatServer.start(config).close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:" + port);
    }
}
