package chat.server.roster;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomChange;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.config.RoomLimits;
import chat.server.roster.LocalRoster.Said;
import chat.server.roster.Roster.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of a {@link LocalRoster}, other than the default one: the whole of them on a single server. Each
 * method takes the roster's lock, so a room's lines, joins and leaves reach its members in one order, and a
 * newcomer's history ends exactly where its live lines begin, as in the default room; the methods named
 * {@code ...Locked} run under it already, from the roster.
 *
 * <p>In a room of more than {@code announceLimit} members, joins and parts are told to the one who joins or
 * parts only, as in the default room; removals, closes and leaves for a kick or ban are told in any room.
 *
 * <p>On a node of several, every node keeps the whole table, changed only by its cluster reader in the
 * stream's order ({@link #carryOut}), the members of other nodes in it as members whose lines go nowhere
 * ({@link Member#elsewhere}): so every node decides every room command alike, and delivers each room's
 * lines to its own members. A member is known in a room by its name key, not by which object stands for it.
 */
final class RoomTable implements Rooms {
    private static final Logger log = LoggerFactory.getLogger(RoomTable.class);

    private final ReentrantLock lock;
    private final RoomLimits limits;
    private final int historyLines;
    private final int announceLimit;
    private final Function<String, Member> online; // name key -> the member connected here, under lock
    private final Archive archive;
    private final Runnable awaitArchive; // LocalRoster#awaitArchive
    private final Map<String, Room> byKey = new TreeMap<>(); // sorted, for /rooms; guarded by lock
    private final Map<String, Room> bySkeleton = new HashMap<>(); // the same rooms; guarded by lock
    private final Map<String, List<Room>> roomsOf = new HashMap<>(); // member key -> its rooms; guarded by lock

    /** Member key -> Rooms.Joined#shownFrom of the default room, kept by LocalRoster; guarded by lock. */
    final Map<String, Said> defaultShownFrom = new HashMap<>();
    private ServerEvent.Topic defaultTopic; // guarded by lock
    private final Object keepingTopic = new Object(); // held while the default topic is set and kept; never under lock
    private long roomsMade; // guarded by lock

    /** @param online the member connected here under a name key, or null; called under {@code lock} */
    RoomTable(ReentrantLock lock, RoomLimits limits, int historyLines, int announceLimit, Function<String, Member> online,
            Archive archive, Runnable awaitArchive) {
        this.lock = lock;
        this.online = online;
        this.limits = limits;
        this.historyLines = historyLines;
        this.announceLimit = announceLimit;
        this.archive = archive;
        this.awaitArchive = awaitArchive;
        this.defaultTopic = keptTopic(archive.topic(RoomName.DEFAULT.key()));
    }

    /**
     * The topic {@code kept} ({@code SETTER TEXT}) as an event, checked as a snapshot's is (anyone who could write
     * to the store could have written it); null if none, or not a topic (logged).
     */
    private static ServerEvent.Topic keptTopic(String kept) {
        if (kept == null) {
            return null;
        }
        try {
            String[] words = kept.split(" ", 2);
            return new ServerEvent.Topic(RoomSnapshot.name(words, 0).value(), RoomSnapshot.text(words, 1));
        } catch (IllegalArgumentException e) {
            log.warn("The topic kept for {} is not one ({}); it has none", RoomName.DEFAULT, e.getMessage());
            return null;
        }
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
        synchronized (keepingTopic) { // of two topics set at once, the one kept is the one in force
            lock.lock();
            try {
                defaultTopic = topic.text().isEmpty() ? null : topic;
            } finally {
                lock.unlock();
            }
            archive.keepTopic(RoomName.DEFAULT.key(), topic.text().isEmpty() ? null : topic.setter() + " " + topic.text());
        }
        return null;
    }

    @Override
    public ServerEvent.Error join(Member m, RoomName name) {
        return join(m, name, null);
    }

    /** @param making what makes the room's store key if the join makes the room; null: this moment (see newRoom) */
    private ServerEvent.Error join(Member m, RoomName name, String making) {
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
                room = newRoom(name, making);
                byKey.put(name.key(), room);
                bySkeleton.put(name.skeleton(), room);
                room.operators.add(m.name().key());
            } else if (room.members.size() >= limits.maxMembers()) {
                return ErrorCode.ROOM_FULL.event(room.name, limits.maxMembers());
            } else if (room.inviteOnly && !room.invited.remove(m.name().key()) && !m.standing().operator()) {
                return ErrorCode.INVITE_ONLY.event(room.name);
            }
            Room joined = room;
            Said shownFrom = room.history.replay(line -> m.outbox().offer(EventCodec.encodeInRoom(joined.name.value(), line)),
                    System.currentTimeMillis());
            room.members.put(m.name().key(), m);
            room.shownFrom.put(m.name().key(), shownFrom);
            roomsOf.computeIfAbsent(m.name().key(), k -> new ArrayList<>()).add(room);
            announce(room, m, new ServerEvent.Join(m.name().value(), "-"));
            // who is there, as IRC's names on a join (a client's member list starts right), and the topic: one entry
            // of the outbox, so both are written at once (the IRC listener tells the topic before the names)
            byte[] members = EventCodec.encodeLine(room.membersLine());
            if (room.topic == null) {
                m.outbox().offer(members);
            } else {
                byte[] topic = room.line(room.topic);
                byte[] both = Arrays.copyOf(members, members.length + topic.length);
                System.arraycopy(topic, 0, both, members.length, topic.length);
                m.outbox().offer(both, 2);
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
        awaitArchive.run();
        return say(from, name, said, System.currentTimeMillis(), true);
    }

    /**
     * As {@link #say(Member, RoomName, List)}, said at {@code epochMillis}; {@code silenceCounts}: nothing is
     * said if a ban silenced {@code from} meanwhile (a cluster node's reader passes false: the sender's node
     * checked before the lines went out, and every node must decide alike).
     */
    List<ServerEvent.Error> say(Member from, RoomName name, List<ServerEvent> said, long epochMillis, boolean silenceCounts) {
        List<Said> lines = new ArrayList<>(said.size());
        for (ServerEvent event : said) {
            lines.add(new Said(epochMillis, EventCodec.encodeLine(event)));
        }
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            if (room == null || !room.has(from)) {
                return List.of(ErrorCode.NOT_IN_ROOM.event(name));
            }
            if (silenceCounts && from.standing().silenced()) {
                return List.of(); // banned meanwhile: its purge came first, and these would outlive it
            }
            if (!room.heard(from)) {
                return Collections.nCopies(lines.size(), ErrorCode.MODERATED.event(room.name)); // one for each line
            }
            List<Said> inRoom = new ArrayList<>(lines.size());
            Archive.Kept kept = Archive.Kept.NOW;
            boolean here = online.apply(from.name().key()) == from; // every node keeps its own members' lines
            for (Said line : lines) {
                room.history.add(line.epochMillis(), line.line());
                kept = here ? archive.keep(room.storeKey, line) : Archive.Kept.NOW;
                inRoom.add(new Said(line.epochMillis(), EventCodec.encodeInRoom(room.name.value(), line.line())));
            }
            LocalRoster.offerSaid(room.members.values(), LocalRoster.joined(inRoom), inRoom.size(), from, kept);
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
            if (!room.topicBy(m)) {
                return ErrorCode.NOT_ROOM_OPERATOR.event(room.name, "/topic");
            }
            ServerEvent.Topic topic = new ServerEvent.Topic(m.name().value(), ClientCommand.Topic.setTo(text));
            room.topic = topic.text().isEmpty() ? null : topic; // told with no text: taken away
            room.toAll(room.line(topic));
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
    public ServerEvent.Error invite(Member m, RoomName name, String invitedName) {
        lock.lock();
        try {
            Member invited = online.apply(Username.key(invitedName));
            return invited == null ? ErrorCode.NO_SUCH_USER.event(invitedName) : invite(m, name, invited);
        } finally {
            lock.unlock();
        }
    }

    private ServerEvent.Error invite(Member m, RoomName name, Member invited) {
        return asOperator(m, name, "/invite", room -> {
            if (room.members.containsKey(invited.name().key())) {
                reply(m, new ServerEvent.Info(ClientCommand.Invite.inAlready(invited.name().value(), room.name.value())));
                return null;
            }
            room.invited.add(invited.name().key());
            if (room.invited.size() > limits.maxMembers()) {
                room.invited.remove(room.invited.iterator().next()); // the oldest invitation goes
            }
            invited.outbox().offer(EventCodec.encodeLine(new ServerEvent.Invite(m.name().value(), room.name.value())));
            reply(m, new ServerEvent.Info(ClientCommand.Invite.done(invited.name().value(), room.name.value())));
            return null;
        });
    }

    @Override
    public ServerEvent.Error inviteOnly(Member m, RoomName name, boolean on) {
        return mode(m, name, "/invite-only", 'i', on, room -> room.inviteOnly = on);
    }

    @Override
    public ServerEvent.Error topicLock(Member m, RoomName name, boolean on) {
        return mode(m, name, "/topic-lock", 't', on, room -> room.topicOpen = !on);
    }

    @Override
    public ServerEvent.Error moderated(Member m, RoomName name, boolean on) {
        return mode(m, name, "/moderated", 'm', on, room -> room.moderated = on);
    }

    @Override
    public ServerEvent.Error secret(Member m, RoomName name, boolean on) {
        return mode(m, name, "/secret", 's', on, room -> room.secret = on);
    }

    /** Sets or clears a mode of the room ({@code set} does), an operator's {@code command}, and tells the room. */
    private ServerEvent.Error mode(Member m, RoomName name, String command, char mode, boolean on, Consumer<Room> set) {
        return asOperator(m, name, command, room -> {
            set.accept(room);
            room.told(new RoomChange(m.name().value(), mode, on, null));
            return null;
        });
    }

    @Override
    public ServerEvent.Error operator(Member m, RoomName name, String target, boolean grant) {
        return standing(m, name, grant ? "/op" : "/deop", target, grant, 'o', room -> room.operators);
    }

    @Override
    public ServerEvent.Error voice(Member m, RoomName name, String target, boolean grant) {
        return standing(m, name, grant ? "/voice" : "/devoice", target, grant, 'v', room -> room.voiced);
    }

    /**
     * Gives {@code target} a standing in the room ({@code o}, {@code v}), kept in the set {@code of}, or takes it:
     * an operator's {@code command}, told to the room as {@link #mode} tells a mode.
     */
    private ServerEvent.Error standing(Member m, RoomName name, String command, String target, boolean grant, char mode,
            Function<Room, Set<String>> of) {
        return asOperator(m, name, command, room -> {
            Member member = room.members.get(Username.key(target));
            if (member == null) {
                return ErrorCode.NOT_MEMBER.event(target, room.name);
            }
            Set<String> keys = of.apply(room);
            if (grant ? keys.add(member.name().key()) : keys.remove(member.name().key())) {
                room.told(new RoomChange(m.name().value(), mode, grant, member.name().value()));
            }
            return null;
        });
    }

    @Override
    public Modes modes(RoomName name) {
        lock.lock();
        try {
            Room room = byKey.get(name.key());
            return room == null ? null : room.modes();
        } finally {
            lock.unlock();
        }
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

    /** The member with name key {@code key} leaves the chat: it leaves each of its rooms, told there with {@code reason}. */
    void leaveChatLocked(String key, String reason, boolean always) {
        List<Room> mine = roomsOf.get(key);
        if (mine == null) {
            return;
        }
        for (Room room : List.copyOf(mine)) {
            Member m = room.members.get(key);
            boolean announce = always || room.members.size() <= announceLimit;
            room.members.remove(key); // first: its outbox is closing, and the leave is for the others
            if (announce) {
                room.toAll(room.line(new ServerEvent.Leave(m.name().value(), reason)));
            }
            removeLocked(room, m);
        }
    }

    /**
     * A room as it is made: its lines are kept under a key of its own, whatever rooms had its name before: its
     * name's key, then {@code making} (on a cluster, the request that made it, alike on every node), or this
     * moment and a count (one server).
     */
    private Room newRoom(RoomName name, String making) {
        return new Room(name, historyLines,
                name.key() + "@" + (making != null ? making : System.currentTimeMillis() + "." + ++roomsMade));
    }

    /** The rooms {@code m} is in, the default room first, then in the order it joined them. */
    @Override
    public List<Joined> roomsOf(Member m) {
        lock.lock();
        try {
            List<Joined> joined = new ArrayList<>();
            joined.add(new Joined(RoomName.DEFAULT, RoomName.DEFAULT.key(), defaultShownFrom.get(m.name().key())));
            for (Room room : roomsOf.getOrDefault(m.name().key(), List.of())) {
                joined.add(new Joined(room.name, room.storeKey, room.shownFrom.get(m.name().key())));
            }
            return joined;
        } finally {
            lock.unlock();
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
        room.members.remove(m.name().key());
        room.shownFrom.remove(m.name().key());
        room.operators.remove(m.name().key());
        room.voiced.remove(m.name().key());
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
            room.told(new RoomChange(null, 'o', true, longest.name().value()));
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

    /**
     * Carries out a room command of {@code m} as a cluster node's reader reads it from the stream, its rooms
     * named (the sender's node named them): every node does so in the stream's order, alike. The default
     * room's topic is kept, not told (the sender's node tells everyone).
     *
     * @param m the member, with the standing it had when it asked
     * @param resolve the member of a name, connected here or elsewhere: whom an {@code /invite} names
     * @return the error to answer {@code m} with, or null when done
     */
    ServerEvent.Error carryOut(Member m, ClientCommand command, Function<String, Member> resolve, String making) {
        if (command instanceof ClientCommand.Topic c && RoomName.typed(c.room()).map(RoomName::isDefault).orElse(false)) {
            return setDefaultTopic(m, new ServerEvent.Topic(m.name().value(), ClientCommand.Topic.setTo(c.text())));
        }
        String typed = command instanceof ClientCommand.Join c ? c.room()
                : command instanceof ClientCommand.Part c ? c.room()
                : command instanceof ClientCommand.Topic c ? c.room()
                : command instanceof ClientCommand.Invite c ? c.room()
                : command instanceof ClientCommand.InviteOnly c ? c.room()
                : command instanceof ClientCommand.TopicLock c ? c.room()
                : command instanceof ClientCommand.Moderated c ? c.room()
                : command instanceof ClientCommand.Secret c ? c.room()
                : command instanceof ClientCommand.RoomOperator c ? c.room()
                : command instanceof ClientCommand.Voice c ? c.room()
                : command instanceof ClientCommand.Remove c ? c.room()
                : command instanceof ClientCommand.CloseRoom c ? c.room() : null;
        RoomName room = typed == null ? null : RoomName.typed(typed).orElse(null);
        if (room == null || room.isDefault()) {
            return ErrorCode.ROOM_INVALID.event(String.valueOf(typed));
        }
        if (command instanceof ClientCommand.Join) {
            return join(m, room, making);
        } else if (command instanceof ClientCommand.Part c) {
            return part(m, room, c.reason());
        } else if (command instanceof ClientCommand.Topic c) {
            return topic(m, room, c.text());
        } else if (command instanceof ClientCommand.Invite c) {
            return invite(m, room, resolve.apply(c.name()));
        } else if (command instanceof ClientCommand.InviteOnly c) {
            return inviteOnly(m, room, c.on());
        } else if (command instanceof ClientCommand.TopicLock c) {
            return topicLock(m, room, c.on());
        } else if (command instanceof ClientCommand.Moderated c) {
            return moderated(m, room, c.on());
        } else if (command instanceof ClientCommand.Secret c) {
            return secret(m, room, c.on());
        } else if (command instanceof ClientCommand.RoomOperator c) {
            return operator(m, room, c.name(), c.grant());
        } else if (command instanceof ClientCommand.Voice c) {
            return voice(m, room, c.name(), c.grant());
        } else if (command instanceof ClientCommand.Remove c) {
            return remove(m, room, c.name(), c.reason());
        }
        return close(m, room, ((ClientCommand.CloseRoom) command).reason());
    }

    /** Whether the member with name key {@code key} is in {@code room}. */
    boolean has(RoomName room, String key) {
        lock.lock();
        try {
            Room found = byKey.get(room.key());
            return found != null && found.members.containsKey(key);
        } finally {
            lock.unlock();
        }
    }

    /** The table as text ({@link RoomSnapshot}), for a cluster node that starts to begin from. */
    String snapshot() {
        lock.lock();
        try {
            return RoomSnapshot.write(defaultTopic, byKey.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the table with {@code snapshot} ({@link #snapshot}), read as hostile ({@link RoomSnapshot#read}).
     * Its members are given by {@code member}.
     *
     * @throws IllegalArgumentException saying what is wrong with it; the table is left as it was then
     */
    void load(String snapshot, Function<Username, Member> member) {
        RoomSnapshot.Read read = RoomSnapshot.read(snapshot, limits, historyLines, name -> newRoom(name, null), member);
        lock.lock();
        try {
            byKey.clear();
            bySkeleton.clear();
            roomsOf.clear();
            byKey.putAll(read.rooms());
            read.rooms().values().forEach(r -> bySkeleton.put(r.name.skeleton(), r));
            roomsOf.putAll(read.roomsOf());
            defaultTopic = read.defaultTopic();
        } finally {
            lock.unlock();
        }
    }

    private static void reply(Member m, ServerEvent event) {
        m.outbox().offer(EventCodec.encodeLine(event));
    }
}
