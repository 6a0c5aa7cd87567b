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
 * Rooms on a chat of several nodes through a real {@code redis-server} (docs/DESIGN.md, "Several nodes"): the
 * same rooms, members, topics and operators on every node, a room's lines to its members only on every node,
 * one room however many nodes make it at once, and a node that starts or dies later. Over TLS too
 * (ClusterRoomsOverTlsIT); the node run as a jar, to be killed, speaks plain text either way.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterRoomsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /**
     * alice, bob and carol on three nodes: a room made on one is joined from another, its lines, topic,
     * operators, invitations and removals are the same on all three, and carol, not in it, gets none of it.
     */
    @Test
    void aRoomIsTheSameOnEveryNodeAndItsLinesReachItsMembersOnly() throws Exception {
        ChatServer one = cluster.node();
        ChatServer two = cluster.node();
        ChatServer three = cluster.node();
        TestLineClient alice = cluster.login(one, "alice");
        TestLineClient bob = cluster.login(two, "bob");
        TestLineClient carol = cluster.login(three, "carol");
        alice.linesUntil("JOIN carol ");
        bob.linesUntil("JOIN carol ");

        alice.send("/join #dev");
        alice.awaitLine("IN #dev JOIN alice");
        bob.send("/join #Dev"); // any case: the room alice made
        assertThat(bob.awaitLine("IN #dev JOIN bob")).isEqualTo("IN #dev JOIN bob -");
        assertThat(bob.readLine()).isEqualTo("MEMBERS #dev @alice bob");
        assertThat(alice.awaitLine("IN #dev ")).isEqualTo("IN #dev JOIN bob -");

        bob.send("hello dev"); // bob's lines go to the room he joined last
        assertThat(alice.awaitLine("IN #dev MSG")).isEqualTo("IN #dev MSG bob hello dev");
        bob.send("/topic #dev release on Friday");
        assertThat(bob.awaitLine("ERROR ")).isEqualTo("ERROR NOT_ROOM_OPERATOR only #dev's operators may use /topic");
        alice.send("/topic #dev release on Friday");
        assertThat(bob.awaitLine("IN #dev TOPIC")).isEqualTo("IN #dev TOPIC alice release on Friday");

        alice.send("/to #general after the topic"); // read by carol's node after the topic: the stream has one order
        carol.awaitLine("MSG alice after the topic");
        carol.send("/rooms");
        assertThat(carol.linesUntil("ROOMS ")).contains("ROOM #dev 2 open release on Friday");
        carol.send("/names #dev");
        assertThat(carol.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice bob");
        alice.send("/invite-only #dev on");
        assertThat(bob.awaitLine("IN #dev INFO")).isEqualTo("IN #dev INFO alice made #dev invite-only");
        carol.send("/join #dev");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR INVITE_ONLY ");
        alice.send("/invite Carol #dev"); // carol is on the third node: her node tells her
        assertThat(carol.awaitLine("INVITE ")).isEqualTo("INVITE alice #dev");
        carol.send("/join #dev");
        assertThat(carol.awaitLine("IN #dev JOIN carol")).isEqualTo("IN #dev JOIN carol -");
        assertThat(bob.awaitLine("IN #dev JOIN")).isEqualTo("IN #dev JOIN carol -");

        alice.send("/op #dev bob");
        assertThat(carol.awaitLine("IN #dev INFO")).isEqualTo("IN #dev INFO alice made bob an operator of #dev");
        bob.send("/remove #dev carol enough");
        assertThat(carol.awaitLine("IN #dev LEAVE")).isEqualTo("IN #dev LEAVE carol removed by bob: enough");
        assertThat(alice.awaitLine("IN #dev LEAVE")).isEqualTo("IN #dev LEAVE carol removed by bob: enough");
        bob.send("only for the room");
        assertThat(alice.awaitLine("IN #dev MSG")).isEqualTo("IN #dev MSG bob only for the room");
        carol.send("/to #general marker"); // her lines went to #dev, the room she joined last
        assertThat(carol.linesUntil("MSG carol marker")).as("nothing of #dev after she left it")
                .noneMatch(l -> l.contains("only for the room"));

        bob.send("/quit");
        assertThat(alice.awaitLine("IN #dev ")).as("a member who leaves the chat leaves its rooms")
                .isEqualTo("IN #dev LEAVE bob quit");
        alice.send("/names #dev");
        assertThat(alice.awaitLine("MEMBERS ")).isEqualTo("MEMBERS #dev @alice");
    }

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
            TestLineClient victim = cluster.track(TestLineClient.loginPlain(ServerJarIT.awaitListening(doomed), "victim"));
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
