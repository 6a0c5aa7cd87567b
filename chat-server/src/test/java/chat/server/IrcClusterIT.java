package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IRC clients on a chat of several nodes (docs/IRC.md): an IRC connection is a session like any other, so the cluster
 * carries its lines, names and rooms as it does the chat's own clients'. A real {@code redis-server}, plain text.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IrcClusterIT {
    private static final String SERVER = ":chat.server ";

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void anIrcClientOnOneNodeTalksWithMembersOfAnotherInChannelsAndPrivately() throws Exception {
        ChatServer a = cluster.node(cluster.config().ircPort(0));
        ChatServer b = cluster.node();
        TestLineClient bob = cluster.login(b, "bob");
        TestLineClient alice = cluster.track(TestLineClient.connectRaw(a.ircPort()));
        alice.send("NICK bob"); // the name is taken on the other node: one namespace across the chat
        alice.send("USER alice 0 * :Alice");
        assertThat(alice.awaitLine(SERVER)).startsWith(SERVER + "433 * bob :");
        alice.send("NICK alice");
        alice.awaitLine(SERVER + "366 alice #general ");
        bob.awaitLine("JOIN alice ");

        alice.send("PRIVMSG #general :hello across nodes");
        assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice hello across nodes");
        bob.send("/msg alice psst");
        assertThat(alice.awaitLine(":bob!")).isEqualTo(":bob!bob@chat PRIVMSG alice :psst");

        alice.send("JOIN #dev");
        alice.awaitLine(SERVER + "366 alice #dev ");
        bob.send("/join #dev");
        assertThat(bob.awaitLine("MEMBERS #dev ")).isEqualTo("MEMBERS #dev @alice bob");
        assertThat(alice.awaitLine(":bob!")).isEqualTo(":bob!bob@chat JOIN #dev");
        bob.send("/to #dev from node b");
        assertThat(alice.awaitLine(":bob!")).isEqualTo(":bob!bob@chat PRIVMSG #dev :from node b");
        alice.send("KICK #dev bob :enough");
        assertThat(bob.awaitLine("IN #dev LEAVE ")).isEqualTo("IN #dev LEAVE bob removed by alice: enough");
        assertThat(alice.awaitLine(":alice!")).isEqualTo(":alice!alice@chat KICK #dev bob :enough");
    }
}
