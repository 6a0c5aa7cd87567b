package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat of several nodes through a real {@code redis-server} when things go wrong (docs/RELIABILITY.md): the
 * stream's bounds under bursts, a node killed, stopped or shut down, Redis frozen, restarted empty or not
 * there at all.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterFaultsIT {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** Two nodes, alice on the first and bob on the second, alice having seen bob join. */
    private record Pair(ChatServer one, ChatServer two, TestLineClient alice, TestLineClient bob) {}

    private Pair alicePlusBob() throws IOException {
        ChatServer one = cluster.node();
        ChatServer two = cluster.node();
        TestLineClient alice = cluster.login(one, "alice");
        TestLineClient bob = cluster.login(two, "bob");
        alice.linesUntil("JOIN bob ");
        return new Pair(one, two, alice, bob);
    }

    /**
     * Long lines make the stream's entry count take far more memory than short ones (4 KB lines: about 470 MB
     * at 100,000 entries, against the 10-20 MB documented): the stream is also kept within a byte budget
     * ({@code --cluster-stream-bytes}), here its least, 1 MiB, while 2,000 lines of 3,900 bytes (7.8 MB) go
     * through.
     */
    @Test
    void theStreamStaysWithinItsByteBudgetWhateverTheLines() throws Exception {
        ChatServer node = cluster.node(cluster.config().sendQueue(10_000, 64 << 20).clusterStreamBytes(1 << 20));
        TestLineClient alice = cluster.login(node, "alice");
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
            most = Math.max(most, Long.parseLong(cluster.redis.command("MEMORY", "USAGE", "chat:stream").substring(1)));
        }
        long budget = 1 << 20;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Long.parseLong(cluster.redis.command("MEMORY", "USAGE", "chat:stream").substring(1)) <= budget);
        long after = Long.parseLong(cluster.redis.command("MEMORY", "USAGE", "chat:stream").substring(1));
        System.out.printf("stream with a 1 MiB budget, 2,000 lines of 3,900 bytes: at most %.2f MiB after each 100 lines, "
                + "%.2f MiB at the end (%s entries)%n", most / 1048576.0, after / 1048576.0, cluster.redis.command("XLEN", "chat:stream"));
        assertThat(most).as("bytes at any check: looked at every tenth of the budget appended").isLessThan(budget * 3 / 2);
        alice.send("still going");
        alice.awaitLine("MSG alice still going");
    }

    /**
     * 5,000 lines at once, far more than a node may hold (40) or the stream keeps (about 500): every member gets
     * each, in one order. A node waits for Redis and for its own reader instead of refusing lines or letting the
     * stream drop them unread, for as long as lines keep going out (beside two busy loops a sender here once
     * waited longer than the node timeout in all, and a line was refused). One node: the read-back bound is per
     * node; with several, a node whose reader is starved while the others' members go on sending can still fall a
     * whole stream behind, and is then told ({@link #linesTrimmedBeforeANodeReadThemAreToldNotHidden}).
     */
    @Test
    void aBurstLargerThanTheStreamKeepsArrivesWhole() throws Exception {
        ChatServer node = cluster.node(cluster.config().clusterBounds(40, 500));
        int senders = 4;
        int perSender = 1_250; // ten times what the stream keeps (twenty once: 37 s of a busy CI's 2 cores)
        List<TestLineClient> members = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            members.add(cluster.login(node, "burst" + i));
        }
        for (TestLineClient member : members.subList(0, senders - 1)) { // the last one saw its own join at login
            member.linesUntil("JOIN burst" + (senders - 1) + " ");
        }
        List<Future<List<String>>> received = new ArrayList<>();
        for (TestLineClient member : members) {
            received.add(cluster.pool.submit(() -> untilMessages(member, senders * perSender).stream()
                    .filter(line -> line.startsWith("MSG ")).toList()));
        }
        for (int i = 0; i < senders; i++) {
            StringBuilder burst = new StringBuilder();
            for (int n = 0; n < perSender; n++) {
                burst.append("line ").append(n).append('\n');
            }
            TestLineClient member = members.get(i);
            cluster.pool.submit(() -> {
                member.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
                return null;
            });
        }
        List<String> seen = Deliveries.sameAtEveryReceiver(received, 120);
        for (int i = 0; i < senders; i++) {
            Deliveries.eachOnceInOrder(seen, "MSG burst" + i + " ", "line ", perSender);
        }
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

    /** A registration while Redis is frozen is refused with a clear answer, not left hanging. */
    @Test
    void aRegistrationWhileRedisIsFrozenAnswersNotSaved(@TempDir Path data) throws Exception {
        ChatServer one = cluster.accountsNode(data.resolve("one"));
        TestLineClient alice = cluster.login(one, "alice");
        cluster.redis.pause();
        try {
            alice.send("/register correct horse");
            assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR NOT_SAVED the server could not save that, so nothing changed; try again later");
        } finally {
            cluster.redis.resume();
        }
    }

    @Test
    void aKilledNodesMembersLeaveEverywhereOnceAndTheirNamesAreFree(@TempDir Path data) throws Exception {
        ChatServer survivor = cluster.node();
        TestLineClient watcher = cluster.login(survivor, "watcher");
        try (JarProcess doomed = cluster.nodeProcess(data.resolve("doomed"))) {
            cluster.memberOn(doomed, "victim", watcher);
            long killedAt = System.nanoTime();
            doomed.kill();
            assertThat(watcher.awaitLine("LEAVE ")).isEqualTo("LEAVE victim " + ServerText.LEFT_WITH_NODE);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("node killed: its member's LEAVE after %d ms (node timeout %d s)%n", tookMillis, TestCluster.NODE_TIMEOUT.toSeconds());
            assertThat(tookMillis).as("the documented bound: the node timeout and one heartbeat, well within 15 s")
                    .isLessThan(15_000);
        }
        TestLineClient again = cluster.login(survivor, "victim");
        watcher.send("marker");
        assertThat(again.linesUntil("MSG watcher marker")).noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(watcher.linesUntil("MSG watcher marker")).noneMatch(l -> l.startsWith("LEAVE"));
        assertThat(survivor.onlineNames()).containsExactly("victim", "watcher");
    }

    /**
     * A node that could not read for a while finds entries trimmed meanwhile (here by hand, as MAXLEN would
     * under a flood): its members are told how many lines they missed instead of missing them silently.
     */
    @Test
    void linesTrimmedBeforeANodeReadThemAreToldNotHidden(@TempDir Path data) throws Exception {
        ChatServer one = cluster.node();
        TestLineClient alice = cluster.login(one, "alice");
        try (JarProcess stalled = cluster.nodeProcess(data.resolve("stalled"))) {
            TestLineClient bob = cluster.memberOn(stalled, "bob", alice);

            stalled.signal("STOP"); // briefly: well within the node timeout
            stalled.awaitStopped();
            // a read the stopped node had waiting in Redis is answered with this line alone (its answer waits
            // in the node's socket); the lines sent after it can only be read once the node runs again
            alice.send("before");
            alice.linesUntil("MSG alice before");
            alice.send("trimmed 1");
            alice.send("trimmed 2");
            alice.linesUntil("MSG alice trimmed 2");
            assertThat(cluster.redis.command("XTRIM", "chat:stream", "MAXLEN", "0")).isNotNull();
            stalled.signal("CONT");
            alice.send("after");

            List<String> seen = bob.linesUntil("MSG alice after");
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
        bob.linesUntil("MSG alice before");

        cluster.redis.pause();
        alice.send("during 1");
        assertThat(alice.awaitLine("INFO This server has lost its link")).contains("refused at once", "your public lines wait");
        alice.send("during 2");
        alice.send("/list");
        assertThat(alice.awaitLine("ERROR")).startsWith("ERROR LINK_DOWN ");
        bob.send("from bob during");
        assertThat(bob.awaitLine("INFO This server has lost its link")).isNotNull();
        // frozen for longer than the node timeout: no node may take another for dead over it
        cluster.redis.holdFrozen(TestCluster.NODE_TIMEOUT.multipliedBy(2));
        cluster.redis.resume();

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
        assertThat(bob.linesUntil("MSG alice marker")).as("nothing twice").noneMatch(l -> l.startsWith("MSG") && !l.endsWith("marker"));
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    @Test
    void redisRestartedEmptyGetsEveryNodesMembersBackWithoutAWordToAnyone() throws Exception {
        Pair pair = alicePlusBob();
        ChatServer one = pair.one();
        TestLineClient alice = pair.alice();
        TestLineClient bob = pair.bob();

        cluster.redis.restartEmpty();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(one.onlineNames()).containsExactly("alice", "bob"));
        alice.send("after the restart");
        List<String> seenByBob = bob.linesUntil("MSG alice after the restart");
        assertThat(seenByBob).noneMatch(l -> l.startsWith("LEAVE") || l.startsWith("JOIN"));
        TestLineClient impostor = cluster.track(TestLineClient.connectRaw(one.port()));
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
        cluster.redis.pause();
        TestLineClient refused = cluster.track(TestLineClient.connectRaw(pair.one().port()));
        refused.awaitLine("HELLO ");
        refused.send("carol");
        assertThat(refused.awaitLine("ERROR")).startsWith("ERROR LINK_DOWN ");
        cluster.redis.resume();
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
            cluster.track(client);
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
        cluster.login(one, "bob");
        assertThat(one.onlineNames()).containsExactly("alice", "bob");
    }

    @Test
    void aNodeThatCannotReachRedisDoesNotStart() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        ServerConfig config = ChatServerIT.base().transferPort(-1)
                .cluster(URI.create("redis://127.0.0.1:" + port), TestCluster.NODE_TIMEOUT).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChatServer.start(config).close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:" + port);
    }
}
