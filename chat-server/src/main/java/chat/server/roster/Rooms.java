package chat.server.roster;

import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.roster.Roster.Member;
import java.util.List;

/**
 * The rooms other than the default one (docs/PROTOCOL.md, "Rooms"): who is in each, its lines, history,
 * topic and operators. Every method takes a room that is not {@link RoomName#DEFAULT} (the roster itself is
 * the default room), sends what it answers through the members' outboxes, and returns the error to answer
 * its caller with instead, or null when it was done.
 */
public interface Rooms {
    /** Joins {@code room}, making it if there is none; {@code INFO} if {@code m} is in it already. */
    ServerEvent.Error join(Member m, RoomName room);

    ServerEvent.Error part(Member m, RoomName room, String reason);

    /**
     * Says public lines ({@code MSG} or {@code ACTION}) of {@code from} in {@code room}, in order, to its
     * members, and keeps them in its history; nothing, if a ban silenced {@code from}.
     *
     * @return an error for each line that was not said, in order; empty if all were
     */
    List<ServerEvent.Error> say(Member from, RoomName room, List<ServerEvent> said);

    /** Sends {@code asker} the rooms it may see ({@code ROOM} lines, then {@code ROOMS}), the default room first. */
    void list(Member asker, int defaultRoomMembers);

    /** With {@code text}, sets the topic (an operator's); without, shows it to {@code m}. */
    ServerEvent.Error topic(Member m, RoomName room, String text);

    ServerEvent.Error names(Member m, RoomName room);

    /** {@code invited}: the name of a member online; {@code NO_SUCH_USER} if there is none. */
    ServerEvent.Error invite(Member m, RoomName room, String invited);

    ServerEvent.Error inviteOnly(Member m, RoomName room, boolean on);

    /** On: only the room's operators set its topic (as a room begins); off: every member may. */
    ServerEvent.Error topicLock(Member m, RoomName room, boolean on);

    ServerEvent.Error operator(Member m, RoomName room, String name, boolean grant);

    /** On: only the room's operators and voiced members may speak in it; off: everyone. */
    ServerEvent.Error moderated(Member m, RoomName room, boolean on);

    /** On: the room is shown only to those in it, as an invite-only room is; off: to everyone. */
    ServerEvent.Error secret(Member m, RoomName room, boolean on);

    /** Lets the member {@code name} speak while the room is moderated, or no longer. */
    ServerEvent.Error voice(Member m, RoomName room, String name, boolean grant);

    /** What a room's members may do, as IRC's channel modes tell it. */
    record Modes(boolean inviteOnly, boolean topicLocked, boolean moderated, boolean secret) {
        /** IRC's letters for them, in IRC's order: {@code imst}. */
        public String letters() {
            return (inviteOnly ? "i" : "") + (moderated ? "m" : "") + (secret ? "s" : "") + (topicLocked ? "t" : "");
        }
    }

    /** The modes of {@code room}, or null if there is no such room here. */
    Modes modes(RoomName room);

    ServerEvent.Error remove(Member m, RoomName room, String name, String reason);

    /** For server operators: everyone leaves {@code room}, and it is gone. */
    ServerEvent.Error close(Member m, RoomName room, String reason);

    /**
     * A room a member is in, the key its lines are kept under (see {@link Archive}), and the oldest line it was
     * shown of the room (its history at login or join; if none, the moment it came in, the line null), or null if
     * not known: {@code /history} goes back from there.
     */
    record Joined(RoomName name, String storeKey, LocalRoster.Said shownFrom) {}

    /** The rooms {@code m} is in, the default room first. */
    List<Joined> roomsOf(Member m);

    /** The default room's topic, or null. */
    ServerEvent.Topic defaultTopic();

    /**
     * Keeps {@code topic} as the default room's (one without text: none), if {@code m} is a server operator; the
     * caller tells everyone.
     */
    ServerEvent.Error setDefaultTopic(Member m, ServerEvent.Topic topic);
}
