package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * History for late joiners (docs/PROTOCOL.md, {@code HISTORY}), on one server (its ring) and across two
 * nodes through a real Redis (the stream): the last N public lines, then the live ones, with nothing missed
 * or repeated at the seam.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HistoryIT {
    private static RedisProcess redis;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        redis.command("FLUSHALL"); // the next test's chat starts empty
    }

    /** Where the speaker and the newcomer connect: one server, or two nodes of one chat. */
    private int[] ports(boolean cluster, int history) throws IOException {
        ServerConfig.Builder config = ChatServerIT.base().transferPort(-1).history(history).sendQueue(100_000, 64 << 20);
        if (cluster) {
            config.cluster(redis.uri(), Duration.ofSeconds(5));
        }
        ChatServer first = ChatServer.start(config.build());
        open.add(first);
        if (!cluster) {
            return new int[] {first.port(), first.port()};
        }
        ChatServer second = ChatServer.start(config.build());
        open.add(second);
        return new int[] {first.port(), second.port()};
    }

    /** Connects and sends {@code name}; returns once its {@code WELCOME} came, before whatever follows it. */
    private TestLineClient welcomed(int port, String name) throws IOException {
        TestLineClient client = TestLineClient.connectRaw(port);
        open.add(client);
        client.awaitLine("HELLO ");
        client.send(name);
        client.awaitLine("WELCOME " + name + " ");
        return client;
    }

    private TestLineClient login(int port, String name) throws IOException {
        TestLineClient client = TestLineClient.login(port, name);
        open.add(client);
        return client;
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = {false, true})
    void aNewcomerSeesTheLastLinesAsHistoryThenItsJoinThenLiveLines(boolean cluster) throws Exception {
        int[] ports = ports(cluster, 5);
        TestLineClient alice = login(ports[0], "alice");
        for (int i = 1; i <= 7; i++) {
            alice.send("m" + i);
        }
        alice.send("/me waves");
        alice.awaitLine("ACTION alice waves");

        TestLineClient bob = welcomed(ports[1], "bob");
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = bob.readLine()).startsWith("JOIN bob ")) {
            lines.add(line);
        }
        assertThat(lines).hasSize(5).allMatch(l -> l.matches("HISTORY \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*"));
        assertThat(lines).map(l -> l.substring(l.indexOf('Z') + 2))
                .containsExactly("MSG alice m4", "MSG alice m5", "MSG alice m6", "MSG alice m7", "ACTION alice waves");
        alice.send("live");
        assertThat(bob.readLine()).isEqualTo("MSG alice live");
    }

    /**
     * A banned member's lines leave the history newcomers are shown, and so do those of a name an operator
     * purges, on every node. Before, a banned flooder's lines were the first thing every newcomer read.
     */
    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = {false, true})
    void aBanAndAPurgeTakeTheirMembersLinesOutOfTheHistory(boolean cluster, @org.junit.jupiter.api.io.TempDir Path data)
            throws Exception {
        ServerConfig.Builder config = ChatServerIT.base().transferPort(-1).history(10).dataDir(data.resolve("one"))
                .operators(List.of("op")).allowPlainPasswords(true).passwordIterations(1000);
        if (cluster) {
            config.cluster(redis.uri(), Duration.ofSeconds(5));
        }
        TestAccounts.make(config.build(), "op", "correct horse");
        ChatServer first = ChatServer.start(config.build());
        open.add(first);
        ChatServer second = first;
        if (cluster) {
            second = ChatServer.start(config.dataDir(data.resolve("two")).build());
            open.add(second);
        }
        TestLineClient op = TestLineClient.login(first.port(), "op", "correct horse");
        open.add(op);
        TestLineClient mallory = login(first.port(), "mallory");
        TestLineClient carol = login(second.port(), "carol");
        mallory.send("spam one");
        mallory.send("/me spams two");
        op.awaitLine("ACTION mallory spams two"); // in the chat before the ban (a line on its way as the ban comes: below)
        carol.send("hello");
        op.awaitLine("MSG carol hello");

        op.send("/ban Mallory flooding");
        op.awaitLine("INFO Banned mallory");
        mallory.readToEnd();
        // the ban's purge is in the stream before mallory's leave: once carol's node has told her of the leave, it
        // has carried out the purge (on several nodes a ban reaches the others within moments, not at once)
        carol.linesUntil("LEAVE mallory ");
        assertThat(historyOf(second.port(), "dave")).containsExactly("MSG carol hello");

        op.send("/purge CAROL");
        // (the ban's announcement, INFO op banned mallory, may come before or after the answer to the ban)
        assertThat(op.awaitLine("INFO Took ")).isEqualTo("INFO Took the lines of CAROL out of the history.");
        carol.send("/purge op");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_OPERATOR only operators may use /purge");
        op.send("after");
        op.awaitLine("MSG op after"); // in the stream, so before erin's join
        assertThat(historyOf(second.port(), "erin")).containsExactly("MSG op after");
    }

    /** What {@code name}, logging in at {@code port}, is shown as history: the lines, without their times. */
    private List<String> historyOf(int port, String name) throws IOException {
        TestLineClient newcomer = welcomed(port, name);
        List<String> lines = new ArrayList<>();
        for (String line = newcomer.readLine(); !line.startsWith("JOIN " + name + " "); line = newcomer.readLine()) {
            lines.add(line.substring(line.indexOf('Z') + 2));
        }
        return lines;
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = {false, true})
    void noHistoryWhenItIsOff(boolean cluster) throws Exception {
        int[] ports = ports(cluster, 0);
        TestLineClient alice = login(ports[0], "alice");
        alice.send("before");
        alice.awaitLine("MSG alice before");
        TestLineClient bob = welcomed(ports[1], "bob");
        assertThat(bob.readLine()).startsWith("JOIN bob ");
    }

    @ParameterizedTest(name = "cluster: {0}")
    @ValueSource(booleans = {false, true})
    void historyAndLiveLinesMeetWithoutAGapOrARepeatWhileSomeoneIsTalking(boolean cluster) throws Exception {
        int[] ports = ports(cluster, 50);
        int lines = 3000;
        TestLineClient alice = login(ports[0], "alice");
        Future<?> talking = pool.submit(() -> {
            for (int i = 1; i <= lines; i++) {
                alice.send(Integer.toString(i));
            }
            return null;
        });
        alice.awaitLine("MSG alice 300"); // the newcomer comes in while the lines flow
        Future<String> aliceSawAll = pool.submit(() -> alice.awaitLine("MSG alice " + lines));
        TestLineClient bob = login(ports[1], "bob"); // reads up to its own JOIN: its history went by
        talking.get(1, TimeUnit.MINUTES);
        aliceSawAll.get(1, TimeUnit.MINUTES);
        bob.close();

        TestLineClient carol = welcomed(ports[1], "carol"); // a second newcomer reads everything it gets
        List<Integer> numbers = new ArrayList<>();
        String line;
        while (!(line = carol.readLine()).startsWith("JOIN carol ")) {
            numbers.add(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)));
        }
        assertThat(numbers).hasSize(50).endsWith(lines); // everything was said: history is the last 50

        // the real seam: a newcomer joining mid-flow gets history then live lines, contiguous
        TestLineClient dave = TestLineClient.connectRaw(ports[1]);
        open.add(dave);
        Future<?> more = pool.submit(() -> {
            for (int i = lines + 1; i <= 2 * lines; i++) {
                alice.send(Integer.toString(i));
            }
            return null;
        });
        alice.awaitLine("MSG alice " + (lines + 300));
        dave.awaitLine("HELLO ");
        dave.send("dave");
        dave.awaitLine("WELCOME dave ");
        List<Integer> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) < 2 * lines) {
            line = dave.readLine();
            if (line.startsWith("HISTORY ") || line.startsWith("MSG ")) {
                seen.add(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        more.get(1, TimeUnit.MINUTES);
        int first = seen.get(0);
        assertThat(first).isGreaterThan(lines - 50);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("line %d after history and live met", i).isEqualTo(first + i);
        }
    }
}
