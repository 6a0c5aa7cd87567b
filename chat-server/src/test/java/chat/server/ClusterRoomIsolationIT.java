package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room on a chat of several nodes through a real {@code redis-server} (docs/DESIGN.md, "Several nodes"): the
 * same members, topic and operators on every node, and its lines to its members only. Over TLS too
 * (ClusterRoomIsolationOverTlsIT): nothing of a room may reach a non-member where lines are TLS records.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterRoomIsolationIT {
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
        alice.send("/topic #dev -delete");
        assertThat(bob.awaitLine("IN #dev TOPIC")).isEqualTo("IN #dev TOPIC alice");
        alice.send("/to #general after the topic went");
        carol.awaitLine("MSG alice after the topic went");
        carol.send("/rooms");
        assertThat(carol.linesUntil("ROOMS ")).as("no topic on the third node either").contains("ROOM #dev 2 open");
        alice.send("/topic-lock #dev off");
        assertThat(bob.awaitLine("IN #dev INFO")).isEqualTo("IN #dev INFO alice let every member of #dev set its topic");
        bob.send("/topic #dev bob's topic"); // carried out on every node: alice's node lets him too
        assertThat(alice.awaitLine("IN #dev TOPIC bob")).isEqualTo("IN #dev TOPIC bob bob's topic");
        alice.send("/moderated #dev on"); // decided on every node alike, in the stream's order
        assertThat(bob.awaitLine("IN #dev INFO")).startsWith("IN #dev INFO alice made #dev moderated");
        bob.send("/to #dev may I?");
        assertThat(bob.awaitLine("ERROR ")).startsWith("ERROR MODERATED #dev ");
        alice.send("/voice #dev bob");
        assertThat(bob.awaitLine("IN #dev INFO")).isEqualTo("IN #dev INFO alice let bob speak in #dev while it is moderated");
        bob.send("/to #dev thanks");
        assertThat(alice.awaitLine("IN #dev MSG bob")).isEqualTo("IN #dev MSG bob thanks");
        alice.send("/moderated #dev off");
        assertThat(bob.awaitLine("IN #dev INFO")).isEqualTo("IN #dev INFO alice let everyone in #dev speak again");
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
}
