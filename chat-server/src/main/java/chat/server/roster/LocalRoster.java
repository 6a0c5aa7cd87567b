package chat.server.roster;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.config.RoomLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The members connected to this process, and the delivery of lines to them: the whole chat on a single
 * server, this node's share of it in a cluster (whose {@code ClusterRoster} hands it the
 * lines read back from Redis, in the chat's order, through the methods below {@link #size()}).
 *
 * <p>Every change of membership and every delivery happens under one lock, so all members see joins,
 * leaves and messages in one and the same order, and a member sees exactly the lines delivered between its
 * join and its leave. The history ring is kept under the same lock, so a newcomer's history ends exactly
 * where its live lines begin. The lock is held only to offer lines to outboxes, which never block; nothing
 * else may be locked while holding it (docs/DESIGN.md, "Locks").
 *
 * <p>Above {@code announceLimit} members, joins and leaves are not announced to everyone (the newcomer still
 * gets its own {@code JOIN}): in a big room they would be noise, and a storm of logins would cost the square
 * of their number in lines. {@link #names()} stays exact.
 */
public final class LocalRoster implements Roster {
    /** Public lines handed to each writer at most as one array: a sender's burst, bounded. */
    public static final int MAX_BATCH_LINES = 64;
    /** How long a sender waits for room in the store's queue between looks. */
    private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(10);

    /** A public line (encoded {@code MSG} or {@code ACTION}) and when it was said. */
    public record Said(long epochMillis, byte[] line) {}

    private final int announceLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> byKey = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, Member> bySkeleton = new HashMap<>(); // the same members; guarded by lock
    private final HistoryRing history; // guarded by lock
    private final RoomTable rooms; // takes lock itself
    private final Archive archive;
    private long joinsAndLeaves; // lines of either kind offered so far (or lines that might be); guarded by lock

    /**
     * @param historyLines public lines kept for late joiners, in each room; 0 keeps none
     * @param archive where the public lines go to be kept, and where a room's history starts from
     */
    public LocalRoster(int announceLimit, int historyLines, RoomLimits roomLimits, Archive archive) {
        this.announceLimit = announceLimit;
        this.history = new HistoryRing(historyLines);
        this.archive = archive;
        this.rooms = new RoomTable(lock, roomLimits, historyLines, announceLimit, byKey::get, archive, this::awaitArchive);
        if (historyLines > 0) {
            archive.latest(RoomName.DEFAULT.key(), historyLines).forEach(line -> history.add(line.epochMillis(), line.line()));
        }
    }

    /** A roster that keeps nothing beyond its memory, with the default bounds of rooms. */
    public LocalRoster(int announceLimit, int historyLines) {
        this(announceLimit, historyLines, RoomLimits.DEFAULTS, Archive.NONE);
    }

    @Override
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public boolean tryJoin(Member member, ServerEvent welcome, ServerEvent join, ServerEvent joinForOperators) {
        byte[] joinLine = EventCodec.encodeLine(join);
        byte[] operatorLine = joinForOperators.equals(join) ? joinLine : EventCodec.encodeLine(joinForOperators);
        lock.lock();
        try {
            return admitLocked(member, EventCodec.encodeLine(welcome), joinLine, operatorLine, byKey.size() < announceLimit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leave(Member member, ServerEvent.Leave leave, boolean always) {
        lock.lock();
        try {
            boolean announce = always || byKey.size() <= announceLimit;
            joinsAndLeaves++;
            if (removeLocked(member)) {
                if (announce) {
                    offerToAll(EventCodec.encodeLine(leave));
                }
                rooms.leaveChatLocked(member.name().key(), leave.reason(), always);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ServerEvent.Error> say(Member from, List<ServerEvent> said) {
        long now = System.currentTimeMillis();
        List<Said> lines = new ArrayList<>(said.size());
        for (ServerEvent event : said) {
            lines.add(new Said(now, EventCodec.encodeLine(event)));
        }
        awaitArchive();
        deliverSaid(lines, from);
        return List.of();
    }

    /** A sender waits (on its own thread, before the lock) while the store is far behind ({@link Archive#awaitRoom}). */
    public void awaitArchive() {
        try {
            while (!archive.awaitRoom(ARCHIVE_WAIT)) {
                // the store is far behind: the flood waits for it (its writer gone, there is room at once)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void broadcast(ServerEvent notice) {
        deliver(EventCodec.encodeLine(notice));
    }

    @Override
    public ServerEvent.Error sendPrivate(Member from, String to, String text, boolean notice) {
        Member recipient = find(to);
        if (recipient == null) {
            return ErrorCode.NO_SUCH_USER.event(to);
        }
        if (recipient != from && recipient.privateInbox() != null && !recipient.privateInbox().tryAcquire()) {
            return ErrorCode.RECIPIENT_BUSY.event(recipient.name());
        }
        byte[] line = EventCodec.encodeLine(Roster.privateLine(from, recipient.name().value(), text, notice));
        recipient.outbox().offer(line);
        if (recipient != from) {
            from.outbox().offer(line);
        }
        return null;
    }

    @Override
    public String removeElsewhere(String name, String reason) {
        return null; // there is nowhere else
    }

    @Override
    public void holdElsewhere(String name) {
        // there is nowhere else
    }

    @Override
    public boolean whoisElsewhere(Member asker, String name, boolean withAddress) {
        return false;
    }

    @Override
    public Member find(String name) {
        lock.lock();
        try {
            return byKey.get(Username.key(name));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean elsewhere(String name) {
        return false;
    }

    @Override
    public List<Member> members() {
        lock.lock();
        try {
            return List.copyOf(byKey.values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        lock.lock();
        try {
            byKey.values().forEach(m -> names.add(m.name().value()));
        } finally {
            lock.unlock();
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return List.copyOf(names);
    }

    @Override
    public void listTo(Member asker) {
        lock.lock(); // no join or leave between the names and the answer
        try {
            asker.outbox().offer(EventCodec.encodeLine(new ServerEvent.Users(names())));
        } finally {
            lock.unlock();
        }
    }

    /** How many join and leave lines (or lines that may be one) this roster has sent so far; see {@link #offerIfNone}. */
    public long joinsAndLeaves() {
        lock.lock();
        try {
            return joinsAndLeaves;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers {@code line} to {@code m} if no join or leave line was sent since {@link #joinsAndLeaves} said
     * {@code seen}; false if one was (the line, made before it, may be out of date).
     */
    public boolean offerIfNone(Member m, byte[] line, long seen) {
        lock.lock();
        try {
            if (joinsAndLeaves != seen) {
                return false;
            }
            m.outbox().offer(line);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return byKey.size();
        } finally {
            lock.unlock();
        }
    }

    // What a cluster node does with the lines it reads back, in the chat's order.

    /**
     * Adds {@code member}, already given its name by the cluster, and sends it its welcome, the history and
     * its join; {@code announce}: the join goes to everyone here too.
     *
     * @return false if a member here has the name already (nothing sent)
     */
    public boolean admit(Member member, byte[] welcome, byte[] join, byte[] joinForOperators, boolean announce) {
        lock.lock();
        try {
            return admitLocked(member, welcome, join, joinForOperators, announce);
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code member} without a word to anyone; false if it was not here. */
    public boolean remove(Member member) {
        lock.lock();
        try {
            return removeLocked(member);
        } finally {
            lock.unlock();
        }
    }

    private boolean removeLocked(Member member) {
        if (!byKey.remove(member.name().key(), member)) {
            return false;
        }
        bySkeleton.remove(member.name().skeleton(), member);
        rooms.defaultShownFrom.remove(member.name().key());
        return true;
    }

    @Override
    public void purge(String name) {
        lock.lock();
        try {
            history.remove(name);
            rooms.purgeLocked(name);
            archive.forget(name);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String lookalike(String name) {
        lock.lock();
        try {
            Member found = bySkeleton.get(Username.skeleton(name));
            return found == null || found.name().key().equals(Username.key(name)) ? null : found.name().value();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Public lines read from the chat's stream (a cluster node), in order: into the history, and to everyone here,
     * {@link #MAX_BATCH_LINES} at a time as one array (one queue entry and one wake-up per writer, however many
     * lines). Those said by members here are kept (every node keeps its own members' lines, once), and echoed to
     * them once kept.
     */
    public void deliverSaid(List<Said> said) {
        deliverSaid(said, null);
    }

    /**
     * @param by the member here who said them, whose standing is checked under the lock a ban's purge takes, and
     *     whose echo waits for the store (see {@link Archive}); null: none (lines from another node)
     */
    private void deliverSaid(List<Said> said, Member by) {
        for (int from = 0; from < said.size(); from += MAX_BATCH_LINES) {
            List<Said> part = said.subList(from, Math.min(said.size(), from + MAX_BATCH_LINES));
            byte[] joined = joined(part);
            lock.lock();
            try {
                if (by != null && by.standing().silenced()) {
                    return; // banned meanwhile: its purge came first, and these would outlive it
                }
                if (by != null || archive == Archive.NONE) {
                    Archive.Kept kept = Archive.Kept.NOW;
                    for (Said line : part) {
                        history.add(line.epochMillis(), line.line());
                        kept = archive.keep(RoomName.DEFAULT.key(), line);
                    }
                    offerSaid(byKey.values(), joined, part.size(), by, kept);
                } else {
                    offerSaidKeepingOwn(part, joined);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Lines read from the stream, by anyone: each kept if its speaker is here, and echoed to the speakers here once
     * kept; the caller holds the lock.
     */
    private void offerSaidKeepingOwn(List<Said> part, byte[] joined) {
        Map<Member, Archive.Kept> speakersHere = new HashMap<>();
        for (Said line : part) {
            history.add(line.epochMillis(), line.line());
            Member speaker = byKey.get(speakerKey(line.line()));
            if (speaker != null) {
                speakersHere.put(speaker, archive.keep(RoomName.DEFAULT.key(), line));
            }
        }
        for (Member member : byKey.values()) {
            Archive.Kept kept = speakersHere.get(member);
            if (kept == null) {
                member.outbox().offer(joined, part.size());
            } else {
                member.outbox().offer(joined, part.size(), kept);
            }
        }
    }

    /** The name key of who said {@code line}, an encoded public line ({@code KIND NAME TEXT}: MSG, ACTION, NOTICE). */
    static String speakerKey(byte[] line) {
        int from = indexOf(line, (byte) ' ', 0) + 1;
        int to = indexOf(line, (byte) ' ', from);
        return Username.key(new String(line, from, (to < 0 ? line.length : to) - from, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Offers {@code count} public lines to {@code members}; to the one who said them once they are {@code kept}. */
    static void offerSaid(Iterable<Member> members, byte[] lines, int count, Member by, Archive.Kept kept) {
        for (Member member : members) {
            if (member == by) {
                member.outbox().offer(lines, count, kept);
            } else {
                member.outbox().offer(lines, count);
            }
        }
    }

    /** {@code lines} as one array, for one queue entry and one wake-up per writer. */
    static byte[] joined(List<Said> lines) {
        if (lines.size() == 1) {
            return lines.get(0).line();
        }
        int length = 0;
        for (Said line : lines) {
            length += line.line().length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (Said line : lines) {
            System.arraycopy(line.line(), 0, joined, at, line.line().length);
            at += line.line().length;
        }
        return joined;
    }

    // What a cluster node does with the room lines and commands it reads back, in the chat's order: every node
    // keeps all rooms (RoomTable), the members of the other nodes in them as Member.elsewhere.

    /** Carries out a room command of {@code m} read from the stream ({@link RoomTable#carryOut}). */
    public ServerEvent.Error carryOut(Member m, ClientCommand command, Function<String, Member> resolve, String making) {
        return rooms.carryOut(m, command, resolve, making);
    }

    /** Says {@code said} of {@code from} in {@code room} as read from the stream: an error if it is not in it. */
    public List<ServerEvent.Error> sayInRoom(Member from, RoomName room, List<ServerEvent> said, long epochMillis) {
        return rooms.say(from, room, said, epochMillis, false);
    }

    /** The member with name key {@code key} left the chat: it leaves its rooms ({@code always}: told in any room). */
    public void leaveRooms(String key, String reason, boolean always) {
        lock.lock();
        try {
            rooms.leaveChatLocked(key, reason, always);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the member with name key {@code key} is in {@code room}, as far as this node has read. */
    public boolean inRoom(RoomName room, String key) {
        return rooms.has(room, key);
    }

    /** The rooms as text, for a node that starts ({@link RoomTable#snapshot}). */
    public String roomsSnapshot() {
        return rooms.snapshot();
    }

    /**
     * Replaces the rooms with {@code snapshot}, their members given by {@code member}.
     *
     * @throws IllegalArgumentException if it is not a snapshot of rooms; nothing changed then
     */
    public void roomsAre(String snapshot, Function<Username, Member> member) {
        rooms.load(snapshot, member);
    }

    /** {@code line} to everyone here, now. */
    public void deliver(byte[] line) {
        lock.lock();
        try {
            joinsAndLeaves++; // a leave, or a notice
            offerToAll(line);
        } finally {
            lock.unlock();
        }
    }

    /** Someone's join, seen from here: {@code joinForOperators} to operators, {@code join} to the rest. */
    public void deliverJoin(byte[] join, byte[] joinForOperators) {
        lock.lock();
        try {
            joinsAndLeaves++;
            for (Member m : byKey.values()) {
                m.outbox().offer(m.standing().operator() ? joinForOperators : join);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code line} to the member here whose name has {@code key}, if there is one; false if not. */
    public boolean deliverTo(String key, byte[] line) {
        Member member = find(key);
        if (member != null) {
            member.outbox().offer(line);
        }
        return member != null;
    }

    private boolean admitLocked(Member member, byte[] welcome, byte[] join, byte[] joinForOperators, boolean announce) {
        if (byKey.containsKey(member.name().key())
                || bySkeleton.containsKey(member.name().skeleton()) && !member.standing().registered()) {
            return false; // a look-alike that slipped past Login's check at the same moment is refused like a twin
        }
        byKey.put(member.name().key(), member);
        joinsAndLeaves++;
        bySkeleton.putIfAbsent(member.name().skeleton(), member); // a registered look-alike joins, but the first is kept
        member.outbox().offer(welcome);
        rooms.defaultShownFrom.put(member.name().key(), history.replay(member.outbox()::offer, System.currentTimeMillis()));
        if (announce) {
            for (Member m : byKey.values()) {
                m.outbox().offer(m.standing().operator() ? joinForOperators : join);
            }
        } else {
            member.outbox().offer(member.standing().operator() ? joinForOperators : join);
        }
        return true;
    }

    private void offerToAll(byte[] line) {
        for (Member member : byKey.values()) {
            member.outbox().offer(line);
        }
    }
}
