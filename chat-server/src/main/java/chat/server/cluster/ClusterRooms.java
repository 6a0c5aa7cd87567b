package chat.server.cluster;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster.LinkDown;
import chat.server.roster.Roster.Member;
import chat.server.roster.Rooms;
import chat.server.roster.Standing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of a chat of several nodes (docs/DESIGN.md, "Several nodes"): every node keeps all of them in its
 * {@link LocalRoster}'s table, changed only by its reader, in the stream's order. A room command that changes
 * them goes into the stream ({@link StreamRecord.RoomAsked}) and the member's thread waits until this node's
 * reader has carried it out, as every node does at the same place in the stream: so every node decides alike,
 * two nodes cannot make one room twice (the first join in the stream makes it), and each room's lines, joins
 * and leaves reach its members in one order. A room's lines go into the stream as {@code IN #room} lines and
 * reach the room's members on each node; what only reads the rooms ({@code /rooms}, {@code /names}, a topic
 * asked) is answered from this node's copy.
 *
 * <p>A node that starts begins from the rooms another node saved in Redis ({@link #saveIfChanged}, at most once
 * a second, after the entry it had read last), then carries out the room commands the stream holds after it.
 */
final class ClusterRooms implements Rooms {
    private static final Logger log = LoggerFactory.getLogger(ClusterRooms.class);
    private static final long WAIT_SECONDS = 30;
    private static final long SAVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LocalRoster local;
    private final Rooms here; // the local roster's table: what only reads is answered from it
    private volatile ClusterNode node; // set once at start, before the reader reads and before any session
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, CompletableFuture<ServerEvent.Error>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Member> elsewhere = new HashMap<>(); // name key -> a member of another node; reader only
    private boolean changed; // reader only: since the rooms were saved last
    private long savedAt = System.nanoTime() - SAVE_EVERY_NANOS; // reader only

    ClusterRooms(LocalRoster local) {
        this.local = local;
        this.here = local.rooms();
    }

    /** The node this one's rooms go through: set once it has started. */
    void attach(ClusterNode node) {
        this.node = node;
    }

    // ---- the members' threads

    @Override
    public ServerEvent.Error join(Member m, RoomName room) {
        return ask(m, new ClientCommand.Join(room.value()));
    }

    @Override
    public ServerEvent.Error part(Member m, RoomName room, String reason) {
        return ask(m, new ClientCommand.Part(room.value(), reason));
    }

    @Override
    public List<ServerEvent.Error> say(Member from, RoomName room, List<ServerEvent> said) {
        if (!local.inRoom(room, from.name().key())) {
            return List.of(ErrorCode.NOT_IN_ROOM.event(room));
        }
        if (from.standing().silenced()) {
            return List.of(); // a ban is removing it; what it said after goes nowhere
        }
        local.awaitArchive(); // this node keeps what its members say, when it reads it back
        List<ServerEvent.Error> refused = new ArrayList<>();
        for (ServerEvent line : said) {
            String text = new String(EventCodec.encodeLine(new ServerEvent.InRoom(room.value(), line)), StandardCharsets.UTF_8);
            if (!node.publish(new StreamRecord.Said(0, text))) {
                refused.add(ErrorCode.LINK_DOWN.event("your line was not sent"));
            }
        }
        return refused;
    }

    @Override
    public void list(Member asker, int defaultRoomMembers) {
        here.list(asker, defaultRoomMembers);
    }

    @Override
    public ServerEvent.Error topic(Member m, RoomName room, String text) {
        return text.isEmpty() ? here.topic(m, room, text) : ask(m, new ClientCommand.Topic(room.value(), text));
    }

    @Override
    public ServerEvent.Error names(Member m, RoomName room) {
        return here.names(m, room);
    }

    @Override
    public ServerEvent.Error invite(Member m, RoomName room, String invited) {
        Member here = local.find(invited);
        String spelt;
        if (here != null) {
            spelt = here.name().value();
        } else {
            try {
                spelt = node.holder(Username.key(invited));
            } catch (ClusterNode.Unreachable e) {
                throw new LinkDown("your invitation was not sent");
            }
        }
        return spelt == null ? ErrorCode.NO_SUCH_USER.event(invited) : ask(m, new ClientCommand.Invite(spelt, room.value()));
    }

    @Override
    public ServerEvent.Error inviteOnly(Member m, RoomName room, boolean on) {
        return ask(m, new ClientCommand.InviteOnly(room.value(), on));
    }

    @Override
    public ServerEvent.Error topicLock(Member m, RoomName room, boolean on) {
        return ask(m, new ClientCommand.TopicLock(room.value(), on));
    }

    @Override
    public ServerEvent.Error moderated(Member m, RoomName room, boolean on) {
        return ask(m, new ClientCommand.Moderated(room.value(), on));
    }

    @Override
    public ServerEvent.Error secret(Member m, RoomName room, boolean on) {
        return ask(m, new ClientCommand.Secret(room.value(), on));
    }

    @Override
    public ServerEvent.Error operator(Member m, RoomName room, String name, boolean grant) {
        return ask(m, new ClientCommand.RoomOperator(room.value(), name, grant));
    }

    @Override
    public ServerEvent.Error voice(Member m, RoomName room, String name, boolean grant) {
        return ask(m, new ClientCommand.Voice(room.value(), name, grant));
    }

    @Override
    public Modes modes(RoomName room) {
        return here.modes(room); // every node's table is the same, in the stream's order
    }

    @Override
    public ServerEvent.Error remove(Member m, RoomName room, String name, String reason) {
        return ask(m, new ClientCommand.Remove(room.value(), name, reason));
    }

    @Override
    public ServerEvent.Error close(Member m, RoomName room, String reason) {
        return ask(m, new ClientCommand.CloseRoom(room.value(), reason));
    }

    @Override
    public List<Joined> roomsOf(Member m) {
        return here.roomsOf(m);
    }

    @Override
    public ServerEvent.Topic defaultTopic() {
        return here.defaultTopic();
    }

    @Override
    public ServerEvent.Error setDefaultTopic(Member m, ServerEvent.Topic topic) {
        return ask(m, new ClientCommand.Topic(RoomName.DEFAULT.value(), topic.text().isEmpty() ? ClientCommand.Topic.DELETE : topic.text()));
    }

    /**
     * Puts {@code command} of {@code m} into the stream and waits until this node's reader has carried it out.
     *
     * @return its answer: the error to answer {@code m} with, or null when done
     * @throws LinkDown if it cannot be put in, or is not read back in time
     */
    private ServerEvent.Error ask(Member m, ClientCommand command) {
        long request = requests.incrementAndGet();
        CompletableFuture<ServerEvent.Error> answer = new CompletableFuture<>();
        waiting.put(request, answer);
        StreamRecord.RoomAsked asked = new StreamRecord.RoomAsked(node.id(), request, m.name().value(),
                m.standing().operator(), CommandEncoder.encode(command));
        if (!node.publish(asked)) {
            waiting.remove(request);
            throw new LinkDown("your room command was not carried out");
        }
        try {
            return answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            if (waiting.remove(request) != null) { // the reader never came to it; when it does, no one waits
                throw new LinkDown("your room command may not have been carried out");
            }
            return answer.join(); // the reader has it this moment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkDown("your room command may not have been carried out");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the reader, in the stream's order

    /** Carries out a room command read from the stream; its node answers the member who asked. */
    void carryOut(StreamRecord.RoomAsked asked) {
        ServerEvent.Error answer = local.carryOut(acting(new Username(asked.name()), asked.operator()), asked.parsed(), this::member,
                asked.node() + "." + asked.request()); // a room it makes has the same store key on every node
        changed = true;
        ClusterNode mine = node;
        if (mine != null && asked.node().equals(mine.id())) {
            CompletableFuture<ServerEvent.Error> waiter = waiting.remove(asked.request());
            if (waiter != null) {
                waiter.complete(answer);
            } else if (answer != null) { // it waited no longer: it is told all the same
                deliverTo(asked.name(), answer);
            }
        }
    }

    /** A line of a room read from the stream ({@code IN #room MSG ...}). */
    void said(StreamRecord.Said said) {
        ServerEvent.InRoom in = (ServerEvent.InRoom) decode(said.line());
        String from = ((ServerEvent.PublicLine) in.event()).from();
        RoomName room = RoomName.typed(in.room()).orElseThrow();
        List<ServerEvent.Error> refused = local.sayInRoom(member(from), room, List.of(in.event()), said.epochMillis());
        if (!refused.isEmpty()) { // it left the room, or lost its voice, between saying the line and the line's turn
            deliverTo(from, refused.get(0));
        }
    }

    /** A member left the chat: it leaves its rooms. */
    void left(StreamRecord.Left left) {
        ServerEvent.Leave leave = (ServerEvent.Leave) decode(left.line());
        local.leaveRooms(left.key(), leave.reason(), left.announce());
        elsewhere.remove(left.key());
        changed = true;
    }

    /**
     * The rooms as {@code saved} by a node, or none; a copy that is not what a node writes is logged and
     * left out (the chat goes on without its rooms).
     */
    void begin(String saved) {
        if (saved == null) {
            return;
        }
        try {
            local.roomsAre(saved, name -> Member.elsewhere(name, new Standing()));
        } catch (IllegalArgumentException e) {
            log.warn("The rooms saved in Redis are not what a node saves ({}); this node begins without them. "
                    + "Something other than a node writes to Redis: see docs/SECURITY.md, \"Several nodes\"", e.getMessage());
        }
    }

    /** After a read of the stream up to entry {@code lastId}: saves the rooms if they changed, at most once a second. */
    void saveIfChanged(String lastId) {
        long now = System.nanoTime();
        if (!changed || now - savedAt < SAVE_EVERY_NANOS) {
            return;
        }
        String rooms = local.roomsSnapshot();
        if (rooms.length() > RedisLink.MAX_ROOMS_BYTES) {
            log.warn("The rooms take {} bytes, more than a node saves ({}): a node that starts begins from an older copy",
                    rooms.length(), RedisLink.MAX_ROOMS_BYTES);
        } else if (node == null || !node.saveRooms(lastId, rooms)) {
            return; // Redis is away: tried again after the next read
        }
        changed = false;
        savedAt = now;
    }

    /** The member named {@code name}: connected here, or of another node. */
    private Member member(String name) {
        Member here = local.find(name);
        return here != null ? here : elsewhere.computeIfAbsent(Username.key(name),
                k -> Member.elsewhere(new Username(name), new Standing()));
    }

    /** {@code name}'s member as it acts in the rooms: with the standing it had when it asked. */
    private Member acting(Username name, boolean operator) {
        Member m = member(name.value());
        if (m.standing().operator() == operator) {
            return m;
        }
        Standing standing = new Standing();
        if (operator) {
            standing.identified(true);
        }
        return new Member(m.name(), m.outbox(), m.privateInbox(), m.address(), m.since(), standing, m.removal(), m.party());
    }

    private void deliverTo(String name, ServerEvent event) {
        local.deliverTo(Username.key(name), EventCodec.encodeLine(event));
    }

    private static ServerEvent decode(String line) {
        try {
            return EventCodec.decode(line.substring(0, line.length() - 1));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e); // StreamRecord checked it: cannot be
        }
    }
}
