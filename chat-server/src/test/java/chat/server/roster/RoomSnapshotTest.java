package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.RoomName;
import chat.common.protocol.Username;
import chat.server.config.RoomLimits;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The rooms as a cluster node saves them for a node that starts (LocalRoster.roomsSnapshot) and reads them
 * back (roomsAre), as hostile input: whatever can write to Redis could have written them.
 */
class RoomSnapshotTest {
    private static Roster.Member member(String name) {
        Outbox outbox = new Outbox(new ByteArrayOutputStream(), 100, 100_000, new byte[0], () -> { }, () -> { });
        return new Roster.Member(new Username(name), outbox, null);
    }

    private static Roster.Member elsewhere(Username name) {
        return Roster.Member.elsewhere(name, new Standing());
    }

    @Test
    void aSnapshotReadBackIsTheSameRoomsMembersOperatorsTopicsAndInvitations() {
        LocalRoster roster = new LocalRoster(100, 10);
        Roster.Member alice = member("alice");
        Roster.Member bob = member("Bob");
        roster.carryOut(alice, new ClientCommand.Join("#dev"), name -> elsewhere(new Username(name)), "node1.7");
        roster.rooms().topic(alice, new RoomName("#dev"), "release on Friday");
        roster.rooms().join(bob, new RoomName("#dev"));
        roster.rooms().join(bob, new RoomName("#Ops"));
        roster.rooms().inviteOnly(bob, new RoomName("#Ops"), true);
        roster.rooms().topicLock(bob, new RoomName("#Ops"), false);
        roster.rooms().moderated(alice, new RoomName("#dev"), true);
        roster.rooms().secret(bob, new RoomName("#Ops"), true);
        roster.rooms().voice(alice, new RoomName("#dev"), "bob", true);
        roster.carryOut(bob, new ClientCommand.Invite("carol", "#Ops"), name -> elsewhere(new Username(name)), "node1.8");
        String snapshot = roster.roomsSnapshot();
        assertThat(snapshot).matches("room #dev open\nkept #dev@node1\\.7\nmoderated\ntopic alice release on Friday\nmember alice op\n"
                + "member Bob -\nvoiced bob\n"
                + "room #Ops invite\nkept #ops@\\d+\\.\\d+\ntopic-open\nsecret\nmember Bob op\ninvited carol\n");

        LocalRoster started = new LocalRoster(100, 10);
        started.roomsAre(snapshot, RoomSnapshotTest::elsewhere);
        assertThat(started.roomsSnapshot()).isEqualTo(snapshot); // the store keys too: the same on every node
        assertThat(started.inRoom(new RoomName("#DEV"), "bob")).isTrue();
        Roster.Member carol = member("carol");
        assertThat(started.rooms().join(carol, new RoomName("#ops"))).as("invited before the snapshot").isNull();
        assertThat(started.rooms().topic(carol, new RoomName("#ops"), "anyone's")).as("open to every member").isNull();
        assertThat(started.rooms().topic(carol, new RoomName("#dev"), "not hers")).isEqualTo(
                ErrorCode.NOT_ROOM_OPERATOR.event(new RoomName("#dev"), "/topic"));
        assertThat(started.rooms().join(member("dave"), new RoomName("#ops"))).isEqualTo(
                ErrorCode.INVITE_ONLY.event(new RoomName("#Ops")));
        assertThat(started.rooms().modes(new RoomName("#dev"))).isEqualTo(new Rooms.Modes(false, true, true, false));
        assertThat(started.rooms().modes(new RoomName("#ops"))).isEqualTo(new Rooms.Modes(true, false, false, true));
        assertThat(started.rooms().say(carol, new RoomName("#dev"), java.util.List.of(new chat.common.protocol.ServerEvent.Msg("carol", "hi"))))
                .as("carol is not in #dev").containsExactly(ErrorCode.NOT_IN_ROOM.event(new RoomName("#dev")));
    }

    @Test
    void anythingANodeDoesNotWriteIsRefusedAndTheRoomsStayAsTheyWere() {
        LocalRoster roster = new LocalRoster(100, 10, new RoomLimits(2, 2, 20), Archive.NONE);
        String good = "room #dev open\nkept #dev@n1.1\nmember alice op\n";
        roster.roomsAre(good, RoomSnapshotTest::elsewhere);
        for (String bad : new String[] {
            "room #dev open\nmember b\u00e4d op\n", // not a name
            "room dev\u0007 open\nmember alice op\n", // not a room
            "room #general open\nmember alice op\n", // the default room is not one of these
            "room #dev open\n", // a room nobody is in
            "member alice op\n", // a member of no room
            "room #dev open\nmember alice op\nroom #DEV open\nmember bob op\n", // the same room twice
            "room #a open\nmember x -\nroom #b open\nmember x -\nroom #c open\nmember x -\n", // more rooms than allowed
            "room #dev open\nmember a -\nmember b -\nmember c -\n", // more members than allowed
            "room #dev open\ntopic alice \u202Eevil\nmember alice op\n", // a topic no client may send
            "room #dev open\nmember alice op\nbanned alice\n", // not a line of rooms
            "room #dev open\nkept #ops@1.2\nmember alice op\n", // another room's key
            "room #dev open\nkept #dev@1 2\nmember alice op\n", // not a key
            "room #dev open\nmember alice op\nkept #dev@1.2\n", // a key after the members: not where a node writes it
            "kept #dev@1.2\nroom #dev open\nmember alice op\n", // a key of no room
            "topic-open\nroom #dev open\nmember alice op\n", // an open topic of no room
            "moderated\nroom #dev open\nmember alice op\n", // a mode of no room
            "room #dev open\nsecret yes\nmember alice op\n", // not how a node writes it
            "room #dev open\nmember alice op\nvoiced bob\n", // a voice of no member
        }) {
            assertThatThrownBy(() -> roster.roomsAre(bad, RoomSnapshotTest::elsewhere)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(roster.roomsSnapshot()).isEqualTo(good);
        }
    }
}
