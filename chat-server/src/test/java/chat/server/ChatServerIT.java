package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guarantees of docs/PROTOCOL.md, each checked against a real server on a loopback port with raw
 * sockets. An IT rather than a unit test because it needs real sockets and threads.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChatServerIT {
    private final TestResources resources = new TestResources();
    private final ExecutorService pool = resources.pool;
    private ChatServer server;

    private int start(ServerConfig config) throws IOException {
        server = resources.start(config);
        return server.port();
    }

    private int start() throws IOException {
        return start(base().build());
    }

    /**
     * These tests connect often and send fast from one address: flood control and the per-address limits are
     * tested on their own (LimitsIT, HardeningIT).
     */
    static ServerConfig.Builder base() {
        return ServerConfig.builder().port(0).rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1));
    }

    private TestLineClient login(int port, String name) throws IOException {
        return track(TestLineClient.login(port, name));
    }

    private TestLineClient connect(int port) throws IOException {
        return track(TestLineClient.connect(port));
    }

    private TestLineClient track(TestLineClient client) {
        return resources.track(client);
    }

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    @Test
    void greetsWithHelloAndWelcomesAValidName() throws IOException {
        int port = start();
        try (TestLineClient c = TestLineClient.connectRaw(port)) {
            assertThat(c.readLine()).startsWith("HELLO 1 ");
            assertThat(c.readLine()).isEqualTo("LIMITS rate=off burst=1 backlog=0 line-bytes=4096");
            c.send("alice");
            assertThat(c.readLine()).startsWith("WELCOME alice ");
            assertThat(c.readLine()).isEqualTo("JOIN alice 127.0.0.1");
        }
    }

    @Test
    void refusedNameMayBeRetriedOnTheSameConnection() throws IOException {
        int port = start();
        login(port, "alice");
        TestLineClient c = connect(port);
        c.send("ALICE");
        assertThat(c.readLine()).isEqualTo("ERROR NAME_TAKEN ALICE is already in use; choose another name");
        c.send("no spaces please");
        assertThat(c.readLine()).startsWith("ERROR NAME_INVALID ");
        c.send("x".repeat(21));
        assertThat(c.readLine()).startsWith("ERROR NAME_INVALID ");
        c.send("bob");
        assertThat(c.readLine()).startsWith("WELCOME bob ");
    }

    @Test
    void exactlyOneOfManyRacingClientsGetsAName() throws Exception {
        int port = start();
        int racers = 100;
        List<TestLineClient> clients = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            clients.add(connect(port));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (TestLineClient c : clients) {
            answers.add(pool.submit(() -> {
                go.await();
                c.send("racer");
                return c.readLine();
            }));
        }
        go.countDown();
        int welcomes = 0;
        for (Future<String> answer : answers) {
            String line = answer.get(60, TimeUnit.SECONDS);
            if (line.startsWith("WELCOME racer ")) {
                welcomes++;
            } else {
                assertThat(line).startsWith("ERROR NAME_TAKEN racer ");
            }
        }
        assertThat(welcomes).isEqualTo(1);
        assertThat(server.onlineNames()).containsExactly("racer");
    }

    @Test
    void broadcastsToEveryoneIncludingTheSender() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        alice.send("hello, world");
        assertThat(alice.awaitLine("MSG ")).isEqualTo("MSG alice hello, world");
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG alice hello, world");
    }

    @Test
    void allClientsSeePublicMessagesInOneOrder() throws Exception {
        int port = start();
        int clients = 4;
        int perClient = 150;
        List<TestLineClient> members = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            members.add(login(port, "user" + i));
        }
        List<Future<List<String>>> received = new ArrayList<>();
        for (TestLineClient member : members) {
            received.add(pool.submit(() -> readMessages(member, clients * perClient)));
        }
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < clients; i++) {
            TestLineClient member = members.get(i);
            pool.submit(() -> {
                go.await();
                for (int n = 0; n < perClient; n++) {
                    member.send("message " + n);
                }
                return null;
            });
        }
        go.countDown();
        List<String> seen = Deliveries.sameAtEveryReceiver(received, 60);
        for (int i = 0; i < clients; i++) {
            Deliveries.eachOnceInOrder(seen, "MSG user" + i + " ", "message ", perClient);
        }
    }

    private static List<String> readMessages(TestLineClient client, int count) throws IOException {
        List<String> messages = new ArrayList<>();
        while (messages.size() < count) {
            messages.add(client.awaitLine("MSG "));
        }
        return messages;
    }

    @Test
    void privateMessageReachesOnlyBothEnds() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        TestLineClient carol = login(port, "carol");
        alice.send("/msg BOB psst, bob");
        alice.send("public marker");
        assertThat(bob.awaitLine("PRIVATE ")).isEqualTo("PRIVATE alice bob psst, bob");
        assertThat(alice.awaitLine("PRIVATE ")).isEqualTo("PRIVATE alice bob psst, bob");
        String carolNext = carol.awaitLine("MSG ");
        assertThat(carolNext).isEqualTo("MSG alice public marker");
    }

    /** Public lines of one read go out together (docs/DESIGN.md): never after a later command of their sender. */
    @Test
    void linesOfOneWriteKeepTheirOrderWhateverTheirKind() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        StringBuilder burst = new StringBuilder("one\n/msg bob two\nthree\n/me four\n/list\n");
        for (int i = 0; i < 150; i++) { // more than one batch's worth
            burst.append("line ").append(i).append('\n');
        }
        burst.append("/msg bob last\nquit\n");
        alice.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));

        List<String> expected = new ArrayList<>(List.of(
                "MSG alice one", "PRIVATE alice bob two", "MSG alice three", "ACTION alice four", "USERS alice bob"));
        for (int i = 0; i < 150; i++) {
            expected.add("MSG alice line " + i);
        }
        expected.add("PRIVATE alice bob last");
        List<String> aliceSaw = alice.readToEnd();
        assertThat(aliceSaw.subList(aliceSaw.indexOf("MSG alice one"), aliceSaw.size()))
                .containsExactlyElementsOf(concat(expected, "BYE goodbye"));
        expected.remove("USERS alice bob");
        List<String> bobSaw = new ArrayList<>();
        for (String line = bob.awaitLine("MSG alice one"); !line.startsWith("LEAVE "); line = bob.readLine()) {
            bobSaw.add(line);
        }
        assertThat(bobSaw).containsExactlyElementsOf(expected);
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }

    @Test
    void privateMessageToNobodyIsAnError() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        alice.send("/msg ghost boo");
        assertThat(alice.readLine()).isEqualTo("ERROR NO_SUCH_USER ghost is not online");
        alice.send("/msg");
        assertThat(alice.readLine()).isEqualTo("ERROR BAD_ARGUMENTS usage: /msg NAME text");
    }

    @Test
    void listShowsExactlyWhoIsLoggedIn() throws IOException {
        int port = start();
        TestLineClient bob = login(port, "bob");
        login(port, "Alice");
        connect(port); // not logged in: invisible
        bob.send("/list");
        assertThat(bob.awaitLine("USERS")).isEqualTo("USERS Alice bob");
    }

    @Test
    void helpListsTheCommands() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        alice.send("/help");
        List<String> help = new ArrayList<>();
        for (int i = 0; i < ServerText.HELP.size(); i++) {
            help.add(alice.readLine());
        }
        assertThat(help).allMatch(l -> l.startsWith("INFO "));
        assertThat(String.join("\n", help)).contains("/msg NAME text", "/list", "/quit", "//text");
    }

    @Test
    void unknownCommandGetsAnErrorAndDoubleSlashSendsText() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        alice.send("/dance");
        assertThat(alice.readLine()).isEqualTo("ERROR UNKNOWN_COMMAND /dance is not a command; type /help for the list");
        alice.send("//dance");
        assertThat(alice.readLine()).isEqualTo("MSG alice /dance");
    }

    @Test
    void emptyLinesAreIgnored() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        alice.send("");
        alice.send("   ");
        alice.send("after");
        assertThat(alice.readLine()).isEqualTo("MSG alice after");
    }

    @Test
    void quitSaysGoodbyeAndOthersSeeTheLeave() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        bob.send("/quit gotta go");
        assertThat(bob.readToEnd()).contains("BYE goodbye");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE bob quit: gotta go");
        TestLineClient carol = login(port, "carol");
        carol.send("quit");
        assertThat(carol.readToEnd()).last().isEqualTo("BYE goodbye");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit");
    }

    @Test
    void abruptDisconnectsAreAnnouncedAndFreeTheName() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        bob.close();
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE bob connection closed");
        TestLineClient bob2 = login(port, "bob");
        bob2.reset();
        assertThat(alice.awaitLine("LEAVE ")).startsWith("LEAVE bob connection ");
        await().atMost(Duration.ofSeconds(20)).until(() -> server.onlineNames().equals(List.of("alice")));
        login(port, "bob");
    }

    @Test
    void overlongLineIsRejectedAndConnectionKept() throws IOException {
        int port = start(base().maxLineBytes(100).build());
        TestLineClient alice = login(port, "alice");
        alice.send("x".repeat(101));
        assertThat(alice.readLine()).isEqualTo("ERROR LINE_TOO_LONG lines are limited to 100 bytes; that line was dropped");
        alice.send("y".repeat(100));
        assertThat(alice.readLine()).isEqualTo("MSG alice " + "y".repeat(100));
    }

    @Test
    void overlongLineDuringLoginIsRejectedToo() throws IOException {
        int port = start();
        TestLineClient c = connect(port);
        c.send("n".repeat(10_000));
        assertThat(c.readLine()).startsWith("ERROR LINE_TOO_LONG ");
        c.send("alice");
        assertThat(c.readLine()).startsWith("WELCOME alice ");
    }

    @Test
    void eachRunOfInvalidUtf8BecomesOneReplacementCharacter() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        alice.sendRaw(new byte[] {'a', ' ', (byte) 0x80, (byte) 0xC3, ' ', 'z', ' ', (byte) 0xFE, '\n'});
        assertThat(alice.readLine()).isEqualTo("MSG alice a \uFFFD z \uFFFD"); // one per run of bad bytes
    }

    @Test
    void controlCharactersNeverReachOthers() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        alice.sendRaw("red \u001b[31mtext\u0007 \u009b2J tab\there\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG alice red [31mtext 2J tab\there");
        TestLineClient eve = connect(port);
        eve.sendRaw("e\u001bve\n".getBytes(StandardCharsets.UTF_8));
        assertThat(eve.readLine()).startsWith("WELCOME eve ");
        assertThat(bob.awaitLine("JOIN ")).isEqualTo("JOIN eve 127.0.0.1");
    }

    @Test
    void slowReaderIsDisconnectedWithoutDelayingOthers() throws Exception {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        track(TestLineClient.login(TestLineClient.connectRaw(port, 4096), "slow")); // never reads from here on
        int count = 2500;
        String payload = "p".repeat(4000); // 10 MB in all: more than socket buffers plus the send queue hold
        // The sender stays at most 50 messages ahead of alice and bob, so only the slow reader can fall behind.
        Semaphore aliceWindow = new Semaphore(50);
        Semaphore bobWindow = new Semaphore(50);
        Future<Long> aliceGot = pool.submit(() -> countMessagesUntil(alice, count, aliceWindow));
        Future<Long> bobGot = pool.submit(() -> countMessagesUntil(bob, count, bobWindow));
        Future<?> sender = pool.submit(() -> {
            for (int i = 0; i < count; i++) {
                if (!aliceWindow.tryAcquire(30, TimeUnit.SECONDS) || !bobWindow.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("readers stalled at message " + i);
                }
                alice.send(i + " " + payload);
            }
            return null;
        });
        sender.get(60, TimeUnit.SECONDS);
        assertThat(bobGot.get(60, TimeUnit.SECONDS)).isEqualTo(count);
        assertThat(aliceGot.get(60, TimeUnit.SECONDS)).isEqualTo(count);
        assertThat(server.onlineNames()).containsExactly("alice", "bob");
    }

    /** Counts MSG lines until {@code count} arrived; also requires the slow reader's LEAVE on the way. */
    private static long countMessagesUntil(TestLineClient client, int count, Semaphore window) throws IOException {
        long messages = 0;
        boolean sawSlowLeave = false;
        while (messages < count || !sawSlowLeave) {
            String line = client.readLine();
            if (line == null) {
                throw new AssertionError("disconnected after " + messages + " messages");
            }
            if (line.startsWith("MSG ")) {
                messages++;
                window.release();
            } else if (line.startsWith("LEAVE slow ")) {
                assertThat(line).isEqualTo("LEAVE slow " + ServerText.BYE_TOO_SLOW);
                sawSlowLeave = true;
            }
        }
        return messages;
    }

    @Test
    void connectionWithoutNameIsClosedAfterLoginTimeout() throws IOException {
        // long enough that alice's own login never races it on a busy machine; short enough to wait for
        int port = start(base().loginTimeout(Duration.ofSeconds(2)).build());
        TestLineClient alice = login(port, "alice");
        TestLineClient silent = connect(port);
        List<String> lines = silent.readToEnd();
        assertThat(lines).containsExactly("BYE " + ServerText.BYE_LOGIN_TIMEOUT);
        // alice logged in before silent connected, so her timer would have fired by now had it not been cancelled
        alice.send("/list");
        assertThat(alice.readLine()).isEqualTo("USERS alice");
    }

    @Test
    void actionGoesToEveryoneInOrderWithMessages() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        alice.send("/me waves");
        alice.send("hi");
        assertThat(bob.awaitLine("ACTION ")).isEqualTo("ACTION alice waves");
        assertThat(bob.readLine()).isEqualTo("MSG alice hi");
        alice.send("/me");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR BAD_ARGUMENTS usage: /me action");
    }

    @Test
    void noticesGoToARoomOrToOneNameAndAreKeptForNewcomers() throws IOException {
        int port = start();
        TestLineClient alice = login(port, "alice");
        TestLineClient bob = login(port, "bob");
        alice.send("/notice #general build 812 is green");
        assertThat(bob.awaitLine("NOTICE ")).isEqualTo("NOTICE alice build 812 is green");
        assertThat(alice.awaitLine("NOTICE ")).as("echoed, as any line").isEqualTo("NOTICE alice build 812 is green");
        alice.send("/notice BOB your build is green");
        assertThat(bob.awaitLine("PRIVATE_NOTICE ")).isEqualTo("PRIVATE_NOTICE alice bob your build is green");
        assertThat(alice.awaitLine("PRIVATE_NOTICE ")).isEqualTo("PRIVATE_NOTICE alice bob your build is green");
        alice.send("/notice nobody hi");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_USER ");
        alice.send("/notice #dev hi");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NOT_IN_ROOM ");
        alice.send("/notice bob");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR BAD_ARGUMENTS usage: /notice #ROOM|NAME text");
        alice.send("/join #dev");
        alice.awaitLine("MEMBERS #dev ");
        bob.send("/join #dev");
        alice.awaitLine("IN #dev JOIN bob ");
        alice.send("/notice #dev deploying");
        assertThat(bob.awaitLine("IN #dev NOTICE ")).isEqualTo("IN #dev NOTICE alice deploying");

        TestLineClient carol = connect(port);
        carol.send("carol");
        List<String> told = carol.linesUntil("JOIN carol ");
        assertThat(told).anyMatch(l -> l.matches("HISTORY \\S+ NOTICE alice build 812 is green"));
    }

    @Test
    void unnamedConnectionReceivesNoBroadcasts() throws IOException {
        int port = start(base().history(0).build()); // live lines only: HistoryIT shows what history gives
        TestLineClient alice = login(port, "alice");
        TestLineClient late = connect(port);
        alice.send("before you joined");
        assertThat(alice.readLine()).isEqualTo("MSG alice before you joined");
        late.send("late");
        assertThat(late.readLine()).startsWith("WELCOME late ");
        assertThat(late.readLine()).isEqualTo("JOIN late 127.0.0.1");
        alice.send("after");
        assertThat(late.readLine()).isEqualTo("MSG alice after");
    }

    @Test
    void connectionsBeyondMaxClientsAreRefused() throws IOException {
        int port = start(base().maxClients(2).build());
        TestLineClient alice = login(port, "alice");
        connect(port);
        try (TestLineClient third = TestLineClient.connectRaw(port)) {
            assertThat(third.readToEnd()).containsExactly(
                    "ERROR SERVER_FULL the server is full; try again later", "BYE " + ServerText.BYE_FULL);
        }
        alice.send("/quit");
        await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 1);
        login(port, "carol");
    }

    @Test
    void shutdownSendsByeToAll() throws IOException {
        int port = start();
        List<TestLineClient> clients = List.of(login(port, "alice"), login(port, "bob"), connect(port));
        server.close();
        for (TestLineClient c : clients) {
            assertThat(c.readToEnd()).last().isEqualTo("BYE server shutting down");
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void httpRequestGetsAClearAnswer() throws IOException {
        int port = start();
        TestLineClient browser = connect(port);
        browser.send("GET / HTTP/1.1");
        assertThat(browser.readToEnd()).containsExactly(
                "ERROR NOT_CHAT this is a chat server, not a web server; connect with the chat client or nc",
                "BYE " + ServerText.BYE_NOT_CHAT);
    }
}
