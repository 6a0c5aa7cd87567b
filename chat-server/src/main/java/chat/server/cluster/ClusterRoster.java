package chat.server.cluster;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.accounts.Registry;
import chat.server.moderation.Bans;
import chat.server.config.ClusterConfig;
import chat.server.config.ServerText;
import chat.server.config.ThreadMaker;
import chat.server.config.RoomLimits;
import chat.server.roster.Archive;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster;
import chat.server.roster.Rooms;
import chat.server.roster.Whois;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The roster of one node of several (docs/DESIGN.md, "Several nodes"): names are claimed in Redis, and
 * every line that reaches more than one member goes into the shared stream and reaches this node's members
 * only when the {@link ClusterNode} reads it back, so all nodes deliver in one order. Its own members'
 * outboxes are in a {@link LocalRoster}, which delivers what is read back and keeps the history.
 *
 * <p>A join waits for its own entry to come back: the newcomer is added to the local roster, given its
 * history and its {@code JOIN}, exactly at its place in the stream, so its history ends where its live lines
 * begin.
 */
public final class ClusterRoster implements Roster, ClusterNode.Members {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterRoster.class);
    private static final long JOIN_WAIT_SECONDS = 30;
    private static final int LIST_ATTEMPTS = 3;

    /** A member whose join is in the stream, waiting for the reader to come to it. */
    private record Pending(Member member, HeldName name, byte[] welcome, CompletableFuture<Boolean> admitted) {}

    private final LocalRoster local;
    private final ClusterRegistry registry;
    private final Bans bans;
    private final ClusterRooms rooms;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private ClusterNode node; // set once at start, before any session

    private ClusterRoster(int announceLimit, int history, RoomLimits roomLimits, Registry registry, Archive archive) {
        // each node keeps the lines of its own members (LocalRoster.deliverSaid); the history newcomers are shown
        // comes from the stream, not from the store
        this.local = new LocalRoster(announceLimit, history, roomLimits, archive == Archive.NONE ? Archive.NONE : new Archive() {
            @Override
            public Kept keep(String roomKey, LocalRoster.Said line) {
                return archive.keep(roomKey, line);
            }

            @Override
            public void forget(String name) {
                archive.forget(name);
            }

            @Override
            public List<LocalRoster.Said> latest(String roomKey, int count) {
                return List.of();
            }
        });
        this.registry = new ClusterRegistry(registry, local);
        this.bans = registry.bans();
        this.rooms = new ClusterRooms(local);
    }

    /**
     * Joins the chat through Redis, and shares the accounts and bans of {@code registry} with the other nodes
     * from then on; throws if Redis cannot be reached.
     *
     * @param archive the store shared by the nodes (PostgreSQL), or {@link Archive#NONE}
     */
    public static ClusterRoster start(ClusterConfig config, int announceLimit, int history, RoomLimits roomLimits,
            ThreadMaker threads, Registry registry, Archive archive) throws IOException {
        ClusterRoster roster = new ClusterRoster(announceLimit, history, roomLimits, registry, archive);
        roster.node = ClusterNode.start(config, announceLimit, history, roster, threads);
        roster.rooms.attach(roster.node);
        roster.registry.share(roster.node);
        return roster;
    }

    @Override
    public boolean tryJoin(Member member, ServerEvent welcome, ServerEvent join, ServerEvent joinForOperators) {
        String key = member.name().key();
        HeldName name = new HeldName(key, member.name().value(),
                text(new ServerEvent.Leave(member.name().value(), ServerText.LEFT_WITH_NODE)), text(join), text(joinForOperators));
        Pending wait = new Pending(member, name, EventCodec.encodeLine(welcome), new CompletableFuture<>());
        if (local.find(key) != null || pending.putIfAbsent(key, wait) != null) {
            return false;
        }
        try {
            if (!node.claim(name)) {
                pending.remove(key, wait);
                return false;
            }
        } catch (ClusterNode.Unreachable e) {
            pending.remove(key, wait);
            throw new LinkDown("you are not logged in yet");
        }
        try {
            return wait.admitted().get(JOIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            if (pending.remove(key, wait)) { // the reader never came to it: give the name back
                node.release(new StreamRecord.Left(key, name.leaveLine(), false));
                throw new LinkDown("you are not logged in yet");
            }
            return wait.admitted().join(); // the reader has it this moment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkDown("you are not logged in yet");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public void leave(Member member, ServerEvent.Leave leave, boolean always) {
        String key = member.name().key();
        if (local.remove(member)) {
            node.release(new StreamRecord.Left(key, text(leave), always));
        }
    }

    @Override
    public List<ServerEvent.Error> say(Member from, List<ServerEvent> said) {
        List<ServerEvent.Error> refused = new ArrayList<>();
        if (from.standing().silenced()) {
            return refused; // a ban is removing it; what it said after goes nowhere
        }
        local.awaitArchive(); // this node keeps what its members say, when it reads it back
        for (ServerEvent line : said) {
            if (!node.publish(new StreamRecord.Said(0, text(line)))) {
                refused.add(ErrorCode.LINK_DOWN.event("your line was not sent"));
            }
        }
        return refused;
    }

    @Override
    public void broadcast(ServerEvent notice) {
        if (!node.publish(new StreamRecord.Notice(text(notice)))) {
            local.deliver(EventCodec.encodeLine(notice)); // at least those here hear it
        }
    }

    @Override
    public ServerEvent.Error sendPrivate(Member from, String to, String text, boolean notice) {
        if (local.find(to) != null) {
            return local.sendPrivate(from, to, text, notice);
        }
        String key = Username.key(to);
        String name;
        try {
            name = node.holder(key);
        } catch (ClusterNode.Unreachable e) {
            throw new LinkDown("your private line was not sent");
        }
        if (name == null) {
            return ErrorCode.NO_SUCH_USER.event(to);
        }
        String line = text(Roster.privateLine(from, name, text, notice));
        if (!node.publish(new StreamRecord.Whisper(from.name().key(), key, line))) {
            throw new LinkDown("your private line was not sent");
        }
        return null;
    }

    @Override
    public String removeElsewhere(String name, String reason) {
        return askHolder(name, key -> new StreamRecord.Removed(key, reason), name + " was not removed");
    }

    @Override
    public void holdElsewhere(String name) {
        node.tell(new StreamRecord.Held(Username.key(name)));
    }

    @Override
    public boolean whoisElsewhere(Member asker, String name, boolean withAddress) {
        return askHolder(name, key -> new StreamRecord.Asked(asker.name().key(), key, withAddress), "your /whois was not asked") != null;
    }

    /**
     * Puts {@code request} (made from the name key) into the stream for the node that holds {@code name}.
     *
     * @return the name as spelt, or null if no node holds it (nothing was put in)
     * @throws LinkDown saying {@code notDone} if Redis cannot be asked now
     */
    private String askHolder(String name, Function<String, StreamRecord> request, String notDone) {
        String key = Username.key(name);
        String held;
        try {
            held = node.holder(key);
        } catch (ClusterNode.Unreachable e) {
            throw new LinkDown(notDone);
        }
        if (held != null && !node.publish(request.apply(key))) {
            throw new LinkDown(notDone);
        }
        return held;
    }

    @Override
    public Member find(String name) {
        return local.find(name);
    }

    @Override
    public boolean elsewhere(String name) {
        try {
            return local.find(name) == null && node.holder(Username.key(name)) != null;
        } catch (ClusterNode.Unreachable e) {
            return false;
        }
    }

    @Override
    public List<Member> members() {
        return local.members();
    }

    @Override
    public void purge(String name) {
        if (!node.publish(new StreamRecord.Purged(Username.key(name)))) { // applied here too, when read back
            throw new LinkDown("the history was not purged");
        }
    }

    /** At most this many spellings of a name are looked up on the other nodes; a name with more is checked here only. */
    private static final int MAX_LOOKALIKE_KEYS = 256;

    @Override
    public String lookalike(String name) {
        String here = local.lookalike(name);
        if (here != null) {
            return here;
        }
        List<String> keys = Username.keysOf(Username.skeleton(name), MAX_LOOKALIKE_KEYS);
        if (keys == null) {
            return null;
        }
        keys.remove(Username.key(name));
        try { // one look-up in Redis for every spelling that looks the same
            List<String> elsewhere = keys.isEmpty() ? List.of() : node.holders(keys);
            return elsewhere.isEmpty() ? null : elsewhere.get(0);
        } catch (ClusterNode.Unreachable e) {
            return null; // the claim that follows says the link is down
        }
    }

    @Override
    public List<String> names() {
        try {
            List<String> names = new ArrayList<>(node.names());
            names.sort(String.CASE_INSENSITIVE_ORDER);
            return List.copyOf(names);
        } catch (ClusterNode.Unreachable e) {
            throw new LinkDown("the list of who is online is not available");
        }
    }

    /**
     * The names come from Redis, and the joins and leaves from the stream: a join read while Redis was asked
     * could reach the asker before an answer that lacks it. So the answer goes out only if no join or leave went
     * out here meanwhile, else Redis is asked again (a few times; under a storm of joins the last answer goes).
     */
    @Override
    public void listTo(Member asker) {
        for (int attempt = 1; ; attempt++) {
            long seen = local.joinsAndLeaves();
            byte[] answer = EventCodec.encodeLine(new ServerEvent.Users(names()));
            if (local.offerIfNone(asker, answer, seen)) {
                return;
            }
            if (attempt == LIST_ATTEMPTS) {
                asker.outbox().offer(answer);
                return;
            }
        }
    }

    @Override
    public int size() {
        return Math.max(node.online(), local.size());
    }

    // What the node's threads hand over.

    @Override
    public void deliver(List<StreamRecord> records, boolean live) {
        List<LocalRoster.Said> said = new ArrayList<>(); // consecutive public lines go out together
        for (StreamRecord record : records) {
            if (record instanceof StreamRecord.Said s && bans.namesAny() && bans.bansNameNow(s.speaker())) {
                continue; // on its way as its speaker was banned: after the ban in the chat's order, so never said
            }
            if (record instanceof StreamRecord.Said s && !s.line().startsWith("IN ")) {
                said.add(new LocalRoster.Said(s.epochMillis(), bytes(s.line())));
                continue;
            }
            local.deliverSaid(said);
            said.clear();
            if (record instanceof StreamRecord.Purged p) { // also at start: what was purged must not come back
                local.purge(p.key());
                continue;
            }
            if (!live) { // read at start: the history, and the rooms' changes since they were saved (ClusterNode)
                try {
                    applyToRooms(record);
                } catch (RuntimeException e) {
                    log.error("Failed to apply a stream entry to the rooms ({}); going on with the next", record.getClass().getSimpleName(), e);
                }
                continue; // no one here yet to tell the rest
            }
            try {
                apply(record);
            } catch (RuntimeException e) { // one entry's failure must not lose the entries after it
                log.error("Failed to apply a stream entry ({}); going on with the next", record.getClass().getSimpleName(), e);
            }
        }
        local.deliverSaid(said);
    }

    /** What an entry changes in the rooms: a room's line, a room command, a leave of the chat (at start too: ClusterNode). */
    private void applyToRooms(StreamRecord record) {
        if (record instanceof StreamRecord.Said s) {
            rooms.said(s);
        } else if (record instanceof StreamRecord.RoomAsked r) {
            rooms.carryOut(r);
        } else if (record instanceof StreamRecord.Left l) {
            rooms.left(l);
        }
    }

    /** Carries out one entry other than a public line of the default room. */
    private void apply(StreamRecord record) {
        if (record instanceof StreamRecord.Left l && l.announce()) {
            local.deliver(bytes(l.line())); // before its rooms are told, as on one server
        }
        applyToRooms(record);
        if (record instanceof StreamRecord.Joined j) {
            joined(j);
        } else if (record instanceof StreamRecord.Whisper w) {
            byte[] line = bytes(w.line());
            local.deliverTo(w.to(), line);
            if (!w.to().equals(w.from())) {
                local.deliverTo(w.from(), line);
            }
        } else if (record instanceof StreamRecord.Notice n) {
            local.deliver(bytes(n.line()));
        } else if (record instanceof StreamRecord.Removed r) {
            Member member = local.find(r.key());
            if (member != null) {
                member.removal().remove(r.reason());
            }
        } else if (record instanceof StreamRecord.Asked w) {
            answer(w);
        } else if (record instanceof StreamRecord.AccountChanged a) {
            registry.applied(a);
        } else if (record instanceof StreamRecord.BanChanged b) {
            registry.applied(b);
        } else if (record instanceof StreamRecord.Guessed g) {
            registry.applied(g);
        } else if (record instanceof StreamRecord.Held h) {
            registry.applied(h);
        }
    }

    /** Answers another node's member's {@code /whois} of a member here (on the reader: never waits for Redis). */
    private void answer(StreamRecord.Asked whois) {
        Member member = local.find(whois.key());
        if (member != null) {
            node.publishLater(new StreamRecord.Whisper(whois.asker(), whois.asker(), text(Whois.of(member, whois.withAddress()))));
        }
    }

    private void joined(StreamRecord.Joined join) {
        Pending newcomer = join.node().equals(node.id()) ? pending.remove(join.key()) : null;
        if (newcomer == null) {
            if (join.announce()) {
                local.deliverJoin(bytes(join.line()), bytes(join.forOperators()));
            }
            return;
        }
        boolean admitted = local.admit(newcomer.member(), newcomer.welcome(), bytes(join.line()), bytes(join.forOperators()),
                join.announce());
        if (!admitted) { // a look-alike that joined here a moment before: never leave the name claimed for nobody
            node.release(new StreamRecord.Left(join.key(), newcomer.name().leaveLine(), false));
        }
        newcomer.admitted().complete(admitted);
    }

    @Override
    public void lost(List<String> keys) {
        for (String key : keys) {
            Member member = local.find(key);
            if (member != null) {
                member.removal().remove(ServerText.NAME_LOST);
            }
        }
    }

    @Override
    public Map<String, String> accounts() {
        return registry.accounts();
    }

    @Override
    public void accountsAre(Map<String, String> shared) {
        registry.accountsAre(shared);
    }

    @Override
    public List<String> bans() {
        return registry.bans();
    }

    @Override
    public void bansAre(Collection<String> shared) {
        registry.bansAre(shared);
    }

    @Override
    public void roomsBegin(String saved) {
        rooms.begin(saved);
    }

    @Override
    public void afterRead(String lastId) {
        try {
            rooms.saveIfChanged(lastId);
        } catch (RuntimeException e) {
            log.error("Failed to save the rooms; tried again after the next read", e);
        }
    }

    @Override
    public void missed(long entries) {
        local.deliver(EventCodec.encodeLine(new ServerEvent.Info(ServerText.missed(entries))));
    }

    @Override
    public void linkDown() {
        local.deliver(EventCodec.encodeLine(new ServerEvent.Info(ServerText.LINK_DOWN)));
    }

    @Override
    public void linkUp() {
        local.deliver(EventCodec.encodeLine(new ServerEvent.Info(ServerText.LINK_UP)));
    }

    @Override
    public void close() {
        node.close();
    }

    private static String text(ServerEvent event) {
        return new String(EventCodec.encodeLine(event), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
