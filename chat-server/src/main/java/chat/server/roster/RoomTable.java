package chat.server.roster;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.config.RoomLimits;
import chat.server.roster.LocalRoster.Said;
import chat.server.roster.Roster.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The rooms of a {@link LocalRoster}, other than the default one: the whole of them on a single server. Each
 * method takes the roster's lock, so a room's lines, joins and leaves reach its members in one order, and a
 * newcomer's history ends exactly where its live lines begin, as in the default room; the methods named
 * {@code ...Locked} run under it already, from the roster.
 *
 * <p>In a room of more than {@code announceLimit} members, joins and parts are told to the one who joins or
 * parts only, as in the default room; removals, closes and leaves for a kick or ban are told in any room.
 */
final class RoomTable implements Rooms {
    private final ReentrantLock lock;
    private final RoomLimits limits;
    private final int historyLines;
    private final int announceLimit;
    private final Map<String, Room> byKey = new TreeMap<>(); // sorted, for /rooms; guarded by lock
    private final Map<String, Room> bySkeleton = new HashMap<>(); // the same rooms; guarded by lock
    private final Map<String, List<Room>> roomsOf = new HashMap<>(); // member key -> its rooms; guarded by lock

    private ServerEvent.Topic defaultTopic; // guarded by lock

    RoomTable(ReentrantLock lock, RoomLimits limits, int historyLines, int announceLimit) {
        this.lock = lock;
        this.limits = limits;
        this.historyLines = historyLines;
        this.announceLimit = announceLimit;
    }

    @Override
    public ServerEvent.Topic defaultTopic() {
        lock.lock();
        try {
            return defaultTopic;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerEvent.Error setDefaultTopic(Member m, ServerEvent.Topic topic) {
        if (!m.standing().operator()) {
            return ErrorCode.NOT_ROOM_OPERATOR.event(RoomName.DEFAULT, "/topic");
        }
        lock.lock();
        try {
            defaultTopic = topic;
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerEvent.Error join(Member m, RoomName name) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room != null && room.has(m)) {
                reply(m, new ServerEvent.Info("lines you type now go to " + room.name));
                return null;
            }
            List<Room> mine = roomsOf.getOrDefault(m.name().key(), List.of());
            if (mine.size() >= limits.perMember()) {
                return ErrorCode.TOO_MANY_ROOMS.event(limits.perMember());
            }
            if (room == null) {
                Room lookalike = bySkeleton.get(name.skeleton());
                if (lookalike != null) {
                    return ErrorCode.ROOM_LOOKALIKE.event(name, lookalike.name);
                }
                if (byKey.size() >= limits.maxRooms()) {
                    return ErrorCode.ROOMS_FULL.event(limits.maxRooms());
                }
                room = new Room(name, historyLines);
                byKey.put(name.key(), room);
                bySkeleton.put(name.skeleton(), room);
                room.operators.add(m.name().key());
            } else if (room.members.size() >= limits.maxMembers()) {
                return ErrorCode.ROOM_FULL.event(room.name, limits.maxMembers());
            } else if (room.inviteOnly && !room.invited.remove(m.name().key()) && !m.standing().operator()) {
                return ErrorCode.INVITE_ONLY.event(room.name);
            }
            Room joined = room;
            room.history.replay(line -> m.outbox().offer(EventCodec.encodeInRoom(joined.name.value(), line)));
            room.members.put(m.name().key(), m);
            roomsOf.computeIfAbsent(m.name().key(), k -> new ArrayList<>()).add(room);
            announce(room, m, new ServerEvent.Join(m.name().value(), "-"));
            reply(m, room.membersLine()); // who is there, as IRC's names on a join: a client's member list starts right
            if (room.topic != null) {
                m.outbox().offer(room.line(room.topic));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerEvent.Error part(Member m, RoomName name, String reason) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.has(m)) {
                return ErrorCode.NOT_IN_ROOM.event(name);
            }
            announce(room, m, new ServerEvent.Leave(m.name().value(), reason.isEmpty() ? "parted" : "parted: " + reason));
            removeLocked(room, m);
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ServerEvent.Error> say(Member from, RoomName name, List<ServerEvent> said) {
        long now = System.currentTimeMillis();
        List<Said> lines = new ArrayList<>(said.size());
        for (ServerEvent event : said) {
            lines.add(new Said(now, EventCodec.encodeLine(event)));
        }
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.has(from)) {
                return List.of(ErrorCode.NOT_IN_ROOM.event(name));
            }
            if (from.standing().silenced()) {
                return List.of(); // banned meanwhile: its purge came first, and these would outlive it
            }
            List<Said> inRoom = new ArrayList<>(lines.size());
            for (Said line : lines) {
                room.history.add(line.epochMillis(), line.line());
                inRoom.add(new Said(line.epochMillis(), EventCodec.encodeInRoom(room.name.value(), line.line())));
            }
            byte[] joined = LocalRoster.joined(inRoom);
            for (Member member : room.members.values()) {
                member.outbox().offer(joined, inRoom.size());
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void list(Member asker, int defaultRoomMembers) {
        List<byte[]> lines = new ArrayList<>();
        lines.add(EventCodec.encodeLine(new ServerEvent.Room(RoomName.DEFAULT.value(), defaultRoomMembers, false, "")));
        lock.lock();
        try {
            for (Room room : byKey.values()) {
                if (room.visibleTo(asker)) {
                    lines.add(EventCodec.encodeLine(new ServerEvent.Room(room.name.value(), room.members.size(), room.inviteOnly,
                            room.topic == null ? "" : room.topic.text())));
                }
            }
        } finally {
            lock.unlock();
        }
        lines.add(EventCodec.encodeLine(new ServerEvent.Rooms(lines.size())));
        lines.forEach(asker.outbox()::offer);
    }

    @Override
    public ServerEvent.Error topic(Member m, RoomName name, String text) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.visibleTo(m)) {
                return ErrorCode.NO_SUCH_ROOM.event(name);
            }
            if (text.isEmpty()) {
                reply(m, room.topic == null ? new ServerEvent.InRoom(room.name.value(), new ServerEvent.Info(room.name + " has no topic"))
                        : new ServerEvent.InRoom(room.name.value(), room.topic));
                return null;
            }
            if (!room.runBy(m)) {
                return ErrorCode.NOT_ROOM_OPERATOR.event(room.name, "/topic");
            }
            room.topic = new ServerEvent.Topic(m.name().value(), text);
            room.toAll(room.line(room.topic));
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerEvent.Error names(Member m, RoomName name) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.visibleTo(m)) {
                return ErrorCode.NO_SUCH_ROOM.event(name);
            }
            reply(m, room.membersLine());
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ServerEvent.Error invite(Member m, RoomName name, Member invited) {
        return asOperator(m, name, "/invite", room -> {
            room.invited.add(invited.name().key());
            if (room.invited.size() > limits.maxMembers()) {
                room.invited.remove(room.invited.iterator().next()); // the oldest invitation goes
            }
            invited.outbox().offer(EventCodec.encodeLine(new ServerEvent.Invite(m.name().value(), room.name.value())));
            reply(m, new ServerEvent.Info(invited.name() + " may join " + room.name + " now"));
            return null;
        });
    }

    @Override
    public ServerEvent.Error inviteOnly(Member m, RoomName name, boolean on) {
        return asOperator(m, name, "/invite-only", room -> {
            room.inviteOnly = on;
            room.notice(m.name() + (on ? " made " + room.name + " invite-only" : " opened " + room.name + " to everyone"));
            return null;
        });
    }

    @Override
    public ServerEvent.Error operator(Member m, RoomName name, String target, boolean grant) {
        return asOperator(m, name, grant ? "/op" : "/deop", room -> {
            Member member = room.members.get(Username.key(target));
            if (member == null) {
                return ErrorCode.NOT_MEMBER.event(target, room.name);
            }
            if (grant ? room.operators.add(member.name().key()) : room.operators.remove(member.name().key())) {
                room.notice(grant ? m.name() + " made " + member.name() + " an operator of " + room.name
                        : m.name() + " took " + member.name() + "'s operator rights in " + room.name);
            }
            return null;
        });
    }

    @Override
    public ServerEvent.Error remove(Member m, RoomName name, String target, String reason) {
        return asOperator(m, name, "/remove", room -> {
            Member member = room.members.get(Username.key(target));
            if (member == null) {
                return ErrorCode.NOT_MEMBER.event(target, room.name);
            }
            room.toAll(room.line(new ServerEvent.Leave(member.name().value(),
                    "removed by " + m.name() + (reason.isEmpty() ? "" : ": " + reason))));
            removeLocked(room, member);
            return null;
        });
    }

    @Override
    public ServerEvent.Error close(Member m, RoomName name, String reason) {
        if (!m.standing().operator()) {
            return ErrorCode.NOT_OPERATOR.event("/close");
        }
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null) {
                return ErrorCode.NO_SUCH_ROOM.event(name);
            }
            boolean wasIn = room.has(m);
            String why = "room closed by " + m.name() + (reason.isEmpty() ? "" : ": " + reason);
            for (Member member : List.copyOf(room.members.values())) {
                // each its own leave: the others leave too, so theirs would only tell it n times over
                member.outbox().offer(room.line(new ServerEvent.Leave(member.name().value(), why)));
                removeLocked(room, member);
            }
            forget(room);
            if (!wasIn) {
                reply(m, new ServerEvent.Info(room.name + " is closed"));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** {@code m} leaves the chat: it leaves each of its rooms, told there with {@code reason}. */
    void leaveChatLocked(Member m, String reason, boolean always) {
        List<Room> mine = roomsOf.get(m.name().key());
        if (mine == null) {
            return;
        }
        for (Room room : List.copyOf(mine)) {
            boolean announce = always || room.members.size() <= announceLimit;
            room.members.remove(m.name().key(), m); // first: its outbox is closing, and the leave is for the others
            if (announce) {
                room.toAll(room.line(new ServerEvent.Leave(m.name().value(), reason)));
            }
            removeLocked(room, m);
        }
    }

    /** Takes every line {@code name} said out of every room's history. */
    void purgeLocked(String name) {
        for (Room room : byKey.values()) {
            room.history.remove(name);
        }
    }

    /**
     * Runs {@code action} on the room under the lock if {@code m} may run it (its operator, or a server
     * operator); else says why not, without telling a stranger that an invite-only room exists.
     */
    private ServerEvent.Error asOperator(Member m, RoomName name, String command, Function<Room, ServerEvent.Error> action) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.visibleTo(m)) {
                return ErrorCode.NO_SUCH_ROOM.event(name);
            }
            if (!room.runBy(m)) {
                return room.has(m) ? ErrorCode.NOT_ROOM_OPERATOR.event(room.name, command) : ErrorCode.NOT_IN_ROOM.event(room.name);
            }
            return action.apply(room);
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code m} out of {@code room}: a room left empty is gone; one left without operators gets one. */
    private void removeLocked(Room room, Member m) {
        room.members.remove(m.name().key(), m);
        room.operators.remove(m.name().key());
        List<Room> mine = roomsOf.get(m.name().key());
        if (mine != null) {
            mine.remove(room);
            if (mine.isEmpty()) {
                roomsOf.remove(m.name().key());
            }
        }
        if (room.members.isEmpty()) {
            forget(room);
        } else if (room.operators.isEmpty()) {
            Member longest = room.members.values().iterator().next();
            room.operators.add(longest.name().key());
            room.notice(longest.name() + " is an operator of " + room.name + " now: its last operator left");
        }
    }

    /** Tells {@code room} that {@code m} joins or parts; above the announce limit, {@code m} alone. */
    private void announce(Room room, Member m, ServerEvent joinOrLeave) {
        byte[] line = room.line(joinOrLeave);
        if (room.members.size() <= announceLimit) {
            room.toAll(line);
        } else {
            m.outbox().offer(line);
        }
    }

    private void forget(Room room) {
        byKey.remove(room.name.key(), room);
        bySkeleton.remove(room.name.skeleton(), room);
    }

    private static void reply(Member m, ServerEvent event) {
        m.outbox().offer(EventCodec.encodeLine(event));
    }
}
