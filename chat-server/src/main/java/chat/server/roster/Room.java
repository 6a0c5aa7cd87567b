package chat.server.roster;

import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomChange;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.server.config.RoomLimits;
import chat.server.roster.Roster.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One room other than the default one, as its {@link RoomTable} keeps it; guarded by the roster's lock. */
final class Room {
    final RoomName name;
    final Map<String, Member> members = new LinkedHashMap<>(); // by name key, longest in the room first
    final Set<String> operators = new HashSet<>(); // name keys, of members only
    final Set<String> voiced = new HashSet<>(); // name keys, of members only: they speak while it is moderated
    final Set<String> invited = new LinkedHashSet<>(); // name keys, oldest first, at most maxMembers
    final HistoryRing history;
    final String storeKey;
    final Map<String, LocalRoster.Said> shownFrom = new HashMap<>(); // member key -> Rooms.Joined#shownFrom
    boolean inviteOnly;
    boolean topicOpen; // every member may set the topic (IRC's -t); only its operators while false, as rooms begin
    boolean moderated; // only those who run it and the voiced may speak (IRC's +m)
    boolean secret; // not shown to those not in it (IRC's +s), as an invite-only room is not
    ServerEvent.Topic topic; // null: none

    /** @param storeKey the key its lines are kept under: new for each room made (see {@link Archive}) */
    Room(RoomName name, int historyLines, String storeKey) {
        this.name = name;
        this.history = new HistoryRing(historyLines, RoomLimits.HISTORY_BYTES);
        this.storeKey = storeKey;
    }

    boolean has(Member m) {
        return members.containsKey(m.name().key());
    }

    /** Whether {@code m} may run it: one of its operators, or a server operator. */
    boolean runBy(Member m) {
        return m.standing().operator() || has(m) && operators.contains(m.name().key());
    }

    /** Whether {@code m} may set its topic: one who runs it, or any member while the topic is open to all. */
    boolean topicBy(Member m) {
        return runBy(m) || topicOpen && has(m);
    }

    /** Whether {@code m}, a member, may speak in it: anyone while it is not moderated. */
    boolean heard(Member m) {
        return !moderated || runBy(m) || voiced.contains(m.name().key());
    }

    /** Whether {@code m} may see it in {@code /rooms} and ask who is in it. */
    boolean visibleTo(Member m) {
        return !inviteOnly && !secret || has(m) || m.standing().operator();
    }

    /** The room's modes, as {@link Rooms#modes} tells them. */
    Rooms.Modes modes() {
        return new Rooms.Modes(inviteOnly, !topicOpen, moderated, secret);
    }

    /** The line {@code event} of this room, encoded: {@code IN #room ...}. */
    byte[] line(ServerEvent event) {
        return EventCodec.encodeLine(new ServerEvent.InRoom(name.value(), event));
    }

    void toAll(byte[] line) {
        for (Member m : members.values()) {
            m.outbox().offer(line);
        }
    }

    void notice(String text) {
        toAll(line(new ServerEvent.Info(text)));
    }

    void told(RoomChange change) {
        notice(change.text(name));
    }

    ServerEvent.Members membersLine() {
        List<String> names = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<String> voices = new ArrayList<>();
        for (Member m : members.values()) {
            names.add(m.name().value());
            if (operators.contains(m.name().key())) {
                ops.add(m.name().value());
            }
            if (voiced.contains(m.name().key())) {
                voices.add(m.name().value());
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return new ServerEvent.Members(name.value(), names, ops, voices);
    }
}
