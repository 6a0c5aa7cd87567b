package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.common.protocol.ServerEvent;
import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat's own client (its core, as both faces use it) and an IRC client on the server's IRC port, in one chat:
 * public lines, actions, private lines and a room's lines both ways (issue #29: IRC clients beside the chat's own).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IrcPeerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERVER = ":chat.server ";

    @Test
    void theChatsOwnClientAndAnIrcClientTalkBothWays() throws Exception {
        Recorder heard = new Recorder();
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).ircPort(0).build());
                ChatSession alice = new ChatSession("127.0.0.1", server.port(), heard, false);
                TestLineClient irc = TestLineClient.connectRaw(server.ircPort())) {
            alice.connect();
            alice.login("alice");
            irc.send("NICK ivan");
            irc.send("USER ivan 0 * :Ivan");
            irc.awaitLine(SERVER + "366 ivan #general ");
            await().atMost(WAIT).until(() -> alice.members().names().contains("ivan"));

            irc.send("PRIVMSG #general :hello from IRC");
            irc.send("PRIVMSG #general :\u0001ACTION waves\u0001");
            irc.send("PRIVMSG alice :psst");
            await().atMost(WAIT).until(() -> heard.events.contains(new ServerEvent.Msg("ivan", "hello from IRC"))
                    && heard.events.contains(new ServerEvent.Action("ivan", "waves"))
                    && heard.events.contains(new ServerEvent.Private("ivan", "alice", "psst")));

            alice.send("hello from the chat");
            assertThat(irc.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG #general :hello from the chat");
            alice.send("/me nods");
            assertThat(irc.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG #general :\u0001ACTION nods\u0001");
            alice.send("/msg ivan psst back");
            assertThat(irc.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG ivan :psst back");

            irc.send("JOIN #dev");
            irc.awaitLine(SERVER + "366 ivan #dev ");
            alice.send("/join #dev");
            assertThat(irc.awaitLine(":alice!")).isEqualTo(":alice!alice@chat JOIN #dev");
            alice.send("/to #dev in the room");
            assertThat(irc.awaitLine(":alice!")).isEqualTo(":alice!alice@chat PRIVMSG #dev :in the room");
            irc.send("PRIVMSG #dev :room reply");
            await().atMost(WAIT).until(() -> heard.events.contains(
                    new ServerEvent.InRoom("#dev", new ServerEvent.Msg("ivan", "room reply"))));
        }
    }
}
