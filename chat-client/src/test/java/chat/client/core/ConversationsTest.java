package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.core.Conversations.Key;
import chat.client.core.Conversations.Summary;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.ServerEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationsTest {
    private final Conversations conversations = new Conversations();
    private static final Key DEV = new Key("#dev");

    private static ServerEvent inDev(ServerEvent line) {
        return new ServerEvent.InRoom("#dev", line);
    }

    @Test
    void roomsAndPrivateConversationsOpenAsTheServerSaysAndCountWhatWasNotSeen() {
        conversations.setMe("bob");
        assertThat(conversations.apply(new ServerEvent.Msg("alice", "hi all"), false)).isEqualTo(Key.DEFAULT);
        assertThat(conversations.apply(inDev(new ServerEvent.Join("bob", "-")), false)).isEqualTo(DEV);
        assertThat(conversations.current()).as("a room joined is where one talks next").isEqualTo(DEV);
        conversations.switchTo(Key.DEFAULT);
        assertThat(conversations.apply(inDev(new ServerEvent.Msg("alice", "hi bob")), true)).isEqualTo(DEV);
        assertThat(conversations.apply(inDev(new ServerEvent.Msg("carol", "hi")), false)).isEqualTo(DEV);
        assertThat(conversations.apply(new ServerEvent.Private("Carol", "bob", "psst"), false)).isEqualTo(new Key("Carol"));
        assertThat(conversations.apply(new ServerEvent.Info("help text"), false)).isNull();
        assertThat(conversations.list()).containsExactly(new Summary(Key.DEFAULT, 0, false), new Summary(DEV, 2, true),
                new Summary(new Key("Carol"), 1, false));


        conversations.switchTo(conversations.numbered(2));
        assertThat(conversations.current()).isEqualTo(DEV);
        conversations.apply(inDev(new ServerEvent.Msg("alice", "seen at once")), true);
        conversations.apply(new ServerEvent.Msg("alice", "in general"), false);
        assertThat(conversations.list()).containsExactly(new Summary(Key.DEFAULT, 1, false), new Summary(DEV, 0, false),
                new Summary(new Key("Carol"), 1, false));
        assertThat(conversations.numbered(4)).isNull();

        conversations.apply(new ServerEvent.Private("bob", "Carol", "my own line"), false); // not unread: bob's own
        assertThat(conversations.list().get(2)).isEqualTo(new Summary(new Key("Carol"), 1, false));
        conversations.apply(inDev(new ServerEvent.Leave("bob", "parted")), false); // bob left #dev: it closes
        assertThat(conversations.current()).isEqualTo(Key.DEFAULT);
        assertThat(conversations.list()).extracting(Summary::key).containsExactly(Key.DEFAULT, new Key("Carol"));
    }

    @Test
    void noticesGoWhereTheirLinesWouldAndCountAsUnread() {
        conversations.setMe("bob");
        conversations.apply(inDev(new ServerEvent.Join("bob", "-")), false);
        conversations.switchTo(Key.DEFAULT);
        assertThat(conversations.apply(inDev(new ServerEvent.Notice("ci", "green")), false)).isEqualTo(DEV);
        assertThat(conversations.apply(new ServerEvent.PrivateNotice("ci", "bob", "yours too"), true)).isEqualTo(new Key("ci"));
        assertThat(conversations.apply(new ServerEvent.PrivateNotice("bob", "ci", "thanks"), false)).isEqualTo(new Key("ci"));
        assertThat(conversations.apply(new ServerEvent.Notice("ci", "to everyone"), false)).isEqualTo(Key.DEFAULT);
        assertThat(conversations.list()).containsExactly(new Summary(Key.DEFAULT, 0, false), new Summary(DEV, 1, false),
                new Summary(new Key("ci"), 1, true));
    }

    @Test
    void aRoomsMembersFollowItsJoinsLeavesAndMembersLines() {
        conversations.setMe("bob");
        conversations.apply(inDev(new ServerEvent.Join("bob", "-")), false);
        conversations.apply(new ServerEvent.Members("#dev", List.of("alice", "bob", "carol"), List.of("alice")), false);
        conversations.apply(inDev(new ServerEvent.Join("dave", "-")), false);
        conversations.apply(inDev(new ServerEvent.Leave("alice", "parted")), false);
        conversations.apply(new ServerEvent.Leave("carol", "quit"), false); // left the chat: every room
        assertThat(conversations.members(DEV)).containsExactly("bob", "dave");
        assertThat(conversations.apply(new ServerEvent.Members("#elsewhere", List.of("x"), List.of()), false)).isNull();
        assertThat(conversations.list()).extracting(Summary::key).containsExactly(Key.DEFAULT, DEV);

        conversations.apply(new ServerEvent.Room("#general", 4, false, ""), false); // a /rooms answer
        conversations.apply(new ServerEvent.Room("#ops", 2, false, ""), false);
        conversations.apply(new ServerEvent.Room("#dev", 2, false, ""), false);
        conversations.apply(new ServerEvent.Room("#Art", 1, false, ""), false);
        assertThat(conversations.rooms()).as("for Tab: the rooms one is in first").containsExactly("#general", "#dev", "#Art", "#ops");
    }

    @Test
    void whatIsTypedGoesWhereThePersonIs() {
        conversations.setMe("bob");
        ClientCommand hello = new ClientCommand.Say("hello");
        assertThat(conversations.addressed(hello)).as("only the default room: as before rooms").isEqualTo(hello);
        conversations.apply(inDev(new ServerEvent.Join("bob", "-")), false); // and #dev is current
        assertThat(conversations.addressed(hello)).isEqualTo(new ClientCommand.To("#dev", hello));
        assertThat(conversations.addressed(new ClientCommand.Part("", "lunch"))).isEqualTo(new ClientCommand.Part("#dev", "lunch"));
        assertThat(conversations.addressed(new ClientCommand.Topic("", "x"))).isEqualTo(new ClientCommand.Topic("#dev", "x"));
        assertThat(conversations.addressed(new ClientCommand.Remove("#ops", "eve", ""))).isEqualTo(new ClientCommand.Remove("#ops", "eve", ""));
        conversations.switchTo(Key.DEFAULT); // the server's own current room is #dev since the join
        assertThat(conversations.addressed(hello)).isEqualTo(new ClientCommand.To("#general", hello));
        assertThat(conversations.addressed(new ClientCommand.Part("", ""))).isEqualTo(new ClientCommand.Part("", ""));
        conversations.switchTo(new Key("alice"));
        assertThat(conversations.addressed(hello)).isEqualTo(new ClientCommand.PrivateMsg("alice", "hello"));
        assertThat(conversations.addressed(new ClientCommand.ListUsers())).isEqualTo(new ClientCommand.ListUsers());
    }
}
