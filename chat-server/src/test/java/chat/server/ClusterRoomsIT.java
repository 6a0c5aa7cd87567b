package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.config.ServerText;
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
 * Rooms on a chat of several nodes through a real {@code redis-server} (docs/DESIGN.md, "Several nodes"): one
 * room however many nodes make it at once, and a node that starts or dies later. What a room's members and
 * others see on each node is ClusterRoomIsolationIT's. Plain text only: what is under test here goes between
 * the nodes through Redis, where TLS to the members changes nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterRoomsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** The same race as for names: 100 members on three nodes make one room at once; there is one, run by one. */
    @Test
    void oneRoomMadeFromThreeNodesAtOnceIsOneRoomWithOneOperator() throws Exception {
        List<ChatServer> nodes = List.of(cluster.node(), cluster.node(), cluster.node());
        List<TestLineClient> racers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            racers.add(cluster.login(nodes.get(i % 3), "r" + i));
        }
        List<Future<String>> joined = new ArrayList<>();
        for (int i = 0; i < racers.size(); i++) {
            TestLineClient racer = racers.get(i);
            String room = i % 2 == 0 ? "#race" : "#Race";
            String me = "r" + i;
            joined.add(cluster.pool.submit(() -> {
                racer.send("/join " + room);
                List<String> lines = racer.linesUntil("MEMBERS ");
                // spelt as the first join in the stream spelt it
                assertThat(lines).as(me).anyMatch(l -> l.equalsIgnoreCase("IN #race JOIN " + me + " -"));
                return lines.get(lines.size() - 1);
            }));
        }
        for (Future<String> answer : joined) {
            assertThat(answer.get(2, TimeUnit.MINUTES)).startsWithIgnoringCase("MEMBERS #race ");
        }
        racers.get(99).send("/to #general all in"); // read by every node after every join
        for (int n = 0; n < 3; n++) {
            TestLineClient asker = racers.get(n);
            asker.awaitLine("MSG r99 all in");
            asker.send("/names #race");
            String members = asker.awaitLine("MEMBERS ");
            List<String> names = List.of(members.substring("MEMBERS #race ".length()).split(" "));
            assertThat(names).as("node " + n).hasSize(100);
            assertThat(names).as("node " + n + ": one operator, the first in the stream").filteredOn(s -> s.startsWith("@")).hasSize(1);
            asker.send("/rooms");
            assertThat(asker.linesUntil("ROOMS ")).as("#general's count is as of the others' heartbeats")
                    .filteredOn(l -> l.startsWith("ROOM #") && !l.startsWith("ROOM #general "))
                    .singleElement().matches(l -> l.equalsIgnoreCase("ROOM #race 100 open"));
        }
    }

    /**
     * A node that starts after the rooms were made begins from the rooms another node saved in Redis (the
     * stream that made them is trimmed away here, as it would be in time) and takes part in them at once.
     */
    @Test
    void aNodeThatStartsLaterHasTheRoomsTheirMembersAndTopics() throws Exception {
        ChatServer one = cluster.node();
        TestLineClient alice = cluster.login(one, "alice");
        TestLineClient bob = cluster.login(one, "bob");
        alice.send("/join #dev");
        alice.awaitLine("IN #dev JOIN alice");
        alice.send("/topic #dev release on Friday");
        alice.awaitLine("IN #dev TOPIC");
        bob.send("/join #dev");
        alice.awaitLine("IN #dev JOIN bob");
        await().atMost(WAIT).until(() -> ":1".equals(cluster.redis.command("EVAL",
                "return string.find(redis.call('GET', 'chat:rooms') or '', 'member bob', 1, true) and 1 or 0", "0")));
        assertThat(cluster.redis.command("XTRIM", "chat:stream", "MAXLEN", "0")).startsWith(":");

        ChatServer two = cluster.node();
        TestLineClient carol = cluster.login(two, "carol");
        carol.send("/rooms");
        assertThat(carol.linesUntil("ROOMS ")).contains("ROOM #dev 2 open release on Friday");
        carol.send("/join #dev");
        carol.awaitLine("IN #dev JOIN carol");
        assertThat(carol.readLine()).isEqualTo("MEMBERS #dev @alice bob carol");
        assertThat(carol.readLine()).isEqualTo("IN #dev TOPIC alice release on Friday");
        assertThat(alice.awaitLine("IN #dev JOIN")).isEqualTo("IN #dev JOIN carol -");
        alice.send("welcome, carol");
        assertThat(carol.awaitLine("IN #dev MSG")).isEqualTo("IN #dev MSG alice welcome, carol");
    }

    /** The members of a node that dies leave their rooms on every other node, and their names may come back to them. */
    @Test
    void aKilledNodesMembersLeaveTheirRoomsEverywhere(@TempDir Path data) throws Exception {
        ChatServer survivor = cluster.node();
        TestLineClient watcher = cluster.login(survivor, "watcher");
        watcher.send("/join #dev");
        watcher.awaitLine("IN #dev JOIN watcher");
        try (JarProcess doomed = cluster.nodeProcess(data.resolve("doomed"))) {
            TestLineClient victim = cluster.track(TestLineClient.loginPlain(ChatServerJarIT.awaitListening(doomed), "victim"));
            victim.send("/join #dev");
            assertThat(watcher.awaitLine("IN #dev JOIN")).isEqualTo("IN #dev JOIN victim -");
            victim.send("/join #doomed");
            victim.awaitLine("IN #doomed JOIN victim");
            doomed.kill();
            assertThat(watcher.awaitLine("IN #dev ")).isEqualTo("IN #dev LEAVE victim " + ServerText.LEFT_WITH_NODE);
        }
        watcher.send("/rooms");
        assertThat(watcher.linesUntil("ROOMS ")).as("a room its members all left is gone")
                .filteredOn(l -> l.startsWith("ROOM #") && !l.startsWith("ROOM #general ")).containsExactly("ROOM #dev 1 open");
        TestLineClient again = cluster.login(survivor, "victim");
        again.send("/join #dev");
        assertThat(again.awaitLine("IN #dev JOIN")).isEqualTo("IN #dev JOIN victim -");
        assertThat(again.readLine()).isEqualTo("MEMBERS #dev victim @watcher");
    }
}
