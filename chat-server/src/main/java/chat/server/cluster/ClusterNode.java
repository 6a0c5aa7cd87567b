package chat.server.cluster;

import chat.server.config.ClusterConfig;
import chat.server.config.ThreadMaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * This server as one node of several serving one chat through Redis (docs/DESIGN.md, "Several nodes").
 *
 * <p>Its own threads: {@code cluster-reader} reads the shared stream in order and hands every entry to the
 * {@link Members} (the node delivers only what it reads back, its own members' lines included: so every node
 * delivers in one order); {@code cluster-heartbeat} tells Redis the node is alive, frees the names of nodes
 * that stopped doing so, and registers this node's members again after Redis lost them or the others took
 * this node for dead (after a loss it brings back its copy of the accounts and bans too);
 * {@code cluster-publisher} appends this node's lines ({@link Publisher}). The reader and the publisher are
 * on the message path and are virtual threads where the server's sessions are (21+): a line then goes from
 * its sender's thread to the publisher, and from the reader to the members' writers, on the same carriers
 * without the operating system switching threads; on one core, the platform threads these were added
 * 1.5-2 ms to the median of (c) through Redis. The heartbeat keeps a platform thread of its own,
 * so that a node busy with its chat still tells Redis in time that it is alive. The names its members hold
 * are {@link NodeNames}'.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final int READ_BATCH = 1024;
    private static final long RETRY_MILLIS = 250;
    /**
     * How long the reader waits, after a read that found a few entries, for the rest of the moment's lines.
     * Each node appends its own members' lines, so lines said at one moment on two nodes come in two appends,
     * on a busy machine a fraction of a millisecond apart; read apart, they cost every member two writes
     * (docs/DESIGN.md, "Several nodes"). Only while other nodes are alive; a full read does not wait.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Daemon platform threads with the JVM's default stack: the message-path threads where there are no virtual ones. */
    public static final ThreadMaker PLATFORM_THREADS = ClusterNode::daemon;

    /** What the node needs of the server's members; called on the node's threads. */
    public interface Members extends LinkState.Listener {
        /** Entries of the stream, in its order; {@code live}: false for those read at start (history only). */
        void deliver(List<StreamRecord> records, boolean live);

        /** Names that others took while this node was cut off: their members here must go. */
        void lost(List<String> keys);

        /** {@code entries} of the stream were trimmed before this node read them: its members missed them. */
        void missed(long entries);

        /** The registered names this server knows, name key to account line: brought to Redis if it has none yet. */
        Map<String, String> accounts();

        /** The registered names as Redis has them now; changes come as entries from then on. */
        void accountsAre(Map<String, String> accounts);

        /** The bans this server knows, as its store keeps them: brought to Redis if it has none yet. */
        List<String> bans();

        /** The bans as Redis has them now; changes come as entries from then on. */
        void bansAre(Collection<String> bans);

        /** The rooms as a node saved them last (null: none did): where this node's copy begins, at start. */
        void roomsBegin(String saved);

        /** After each read of the stream, up to entry {@code lastId}: the reader's moment to save the rooms. */
        void afterRead(String lastId);
    }

    /** Redis could not be reached, or did not answer in time: nothing was done. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(JedisException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private final ClusterConfig config;
    private final int announceLimit;
    private final Members members;
    private final String node = UUID.randomUUID().toString().substring(0, 13);
    private final RedisLink redis;
    private final LinkState link;
    private final Publisher publisher;
    private final NodeNames names;
    private final Thread reader;
    private final Thread heartbeat;
    private volatile boolean closed;
    private volatile String epoch;
    private volatile int online;
    private volatile int nodes; // alive, this one included, as of the last heartbeat
    private String lastId = "0-0"; // reader thread only
    private long lastNumber; // reader thread only: the number of the entry lastId names (0: none yet)

    private ClusterNode(ClusterConfig config, int announceLimit, Members members, ThreadMaker threads) {
        this.config = config;
        this.announceLimit = announceLimit;
        this.members = members;
        this.redis = new RedisLink(config);
        this.link = new LinkState(config.where(), members);
        // a tenth of the stream per node: with several nodes appending, a reader may be behind all of them
        this.publisher = new Publisher((seq, batch) -> redis.publish(node, seq, announceLimit, batch), config.holdLines(),
                config.streamLength() / 10, link, threads);
        this.names = new NodeNames(redis, node, announceLimit);
        this.reader = threads.make("cluster-reader", this::readLoop);
        this.heartbeat = daemon("cluster-heartbeat", this::beatLoop);
    }

    /**
     * Registers a new node and reads the newest {@code history} lines of the stream; then starts its threads.
     *
     * @throws java.io.IOException if Redis cannot be reached: a node does not start without it
     */
    public static ClusterNode start(ClusterConfig config, int announceLimit, int history, Members members,
            ThreadMaker threads) throws IOException {
        ClusterNode node = new ClusterNode(config, announceLimit, members, threads);
        try {
            node.epoch = node.redis.register(node.node, UUID.randomUUID().toString(), false, announceLimit, List.of()).get(0);
            RedisLink.SavedRooms saved = node.redis.savedRooms();
            members.roomsBegin(saved == null ? null : saved.rooms());
            String roomsAt = saved == null ? "0-0" : saved.at();
            List<RedisLink.Entry> newest = node.redis.newest(Math.max(1, 4 * history));
            List<StreamRecord> records = node.roomChangesBetween(roomsAt, newest.isEmpty() ? null : newest.get(0).id());
            for (RedisLink.Entry entry : newest) {
                if (entry.record() != null && (!isRoomChange(entry.record()) || RedisLink.isAfter(entry.id(), roomsAt))) {
                    records.add(entry.record());
                }
                node.lastId = entry.id();
                node.lastNumber = entry.number();
            }
            members.deliver(records, false);
            // after the last entry read: no change is missed
            members.accountsAre(node.redis.registry().seedAccounts(members.accounts()));
            members.bansAre(node.redis.registry().seedBans(members.bans()));
        } catch (JedisException e) {
            node.redis.close();
            throw new IOException("cannot reach Redis at " + config.where() + ": " + e.getMessage(), e);
        }
        log.info("Node {} of the chat on {}", node.node, config.where());
        node.publisher.start();
        node.reader.start();
        node.heartbeat.start();
        return node;
    }

    /** Whether {@code record} changes the rooms: what a node that starts carries out after the saved rooms. */
    private static boolean isRoomChange(StreamRecord record) {
        return record instanceof StreamRecord.RoomAsked || record instanceof StreamRecord.Left;
    }

    /**
     * The room changes in the stream after entry {@code from} and before entry {@code to} (none if {@code to}
     * is null), read at start: those between the rooms a node saved and the newest entries.
     */
    private List<StreamRecord> roomChangesBetween(String from, String to) {
        List<StreamRecord> changes = new ArrayList<>();
        String at = from;
        while (to != null && RedisLink.isAfter(to, at)) {
            List<RedisLink.Entry> entries = redis.read(at, READ_BATCH, false);
            if (entries.isEmpty()) {
                break;
            }
            for (RedisLink.Entry entry : entries) {
                if (!RedisLink.isAfter(to, entry.id())) {
                    return changes;
                }
                if (entry.record() != null && isRoomChange(entry.record())) {
                    changes.add(entry.record());
                }
                at = entry.id();
            }
        }
        return changes;
    }

    /**
     * Keeps {@code rooms}, this node's copy after reading entry {@code at}, for nodes that start.
     *
     * @return false if Redis cannot be reached now
     */
    boolean saveRooms(String at, String rooms) {
        try {
            redis.saveRooms(at, rooms);
            link.up();
            return true;
        } catch (JedisException e) {
            link.down("saving the rooms", e);
            return false;
        }
    }

    /** This node's name in Redis. */
    public String id() {
        return node;
    }

    /**
     * Changes the account of name key {@code key} (line null: releases it) if it is registered now exactly if
     * {@code registered}; every node learns of it as an entry.
     *
     * @return false if it was not as {@code registered} says
     * @throws Unreachable if Redis cannot be reached
     */
    public boolean changeAccount(String key, String line, boolean registered) {
        return call(() -> redis.registry().changeAccount(key, line, registered));
    }

    /**
     * Adds the bans {@code added} and removes {@code removed}; every node learns of each change as an entry.
     *
     * @throws Unreachable if Redis cannot be reached
     */
    public void changeBans(List<String> added, List<String> removed) {
        call(() -> {
            redis.registry().changeBans(added, removed);
            return null;
        });
    }

    /** Members online on every node, as of the last heartbeat. */
    public int online() {
        return online;
    }

    /**
     * Claims {@code name} for a member here and appends its join: the join comes back through
     * {@link Members#deliver} like every line. The node holds the name from then until {@link #release}.
     *
     * @return false if the name is taken
     * @throws Unreachable if Redis cannot be reached, or the others take this node for gone just now
     */
    public boolean claim(HeldName name) {
        int answer = call(() -> names.claim(name));
        if (answer < 0) {
            throw new Unreachable(new JedisException("this node is registering again"));
        }
        return answer == 1;
    }

    /**
     * Queues a line for the stream. While Redis is slower than the lines come, waits for room as long as
     * lines keep going out (it gives up after a node timeout in which none did): the caller's sender is held
     * back, nothing is refused.
     *
     * @return false if too many are held already while Redis is away: not queued
     */
    public boolean publish(StreamRecord record) {
        try {
            return publisher.offer(record, config.nodeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Queues {@code record} if there is room, never waiting: for what each node also acts on alone, so that
     * one left out costs only the others' knowing of it (a password guess).
     *
     * @return false if it was left out: too many are held already
     */
    public boolean tell(StreamRecord record) {
        try {
            return publisher.offer(record, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Queues an answer of the reader's to an entry it read (a {@code /whois} from another node) without
     * waiting, however many are held: the reader must never wait for the publisher, which may be waiting for
     * the reader, and there is at most one answer per entry read.
     */
    public void publishLater(StreamRecord record) {
        publisher.offerAlways(record);
    }

    /**
     * Frees a member's name: queues its leave, held however many are (a name must be freed in the end), and
     * stops registering the name again.
     */
    public void release(StreamRecord.Left leave) {
        names.release(leave.key(), () -> publisher.offerAlways(leave));
    }

    /**
     * The names, as spelt, of the members online on any node under {@code keys}.
     *
     * @throws Unreachable if Redis cannot be reached
     */
    public List<String> holders(List<String> keys) {
        return call(() -> redis.holders(keys));
    }

    /** The name as spelt of whoever has name key {@code key} on any node, or null. */
    public String holder(String key) {
        return call(() -> redis.holder(key));
    }

    /** Every member's name, on every node, unsorted. */
    public List<String> names() {
        return call(redis::names);
    }

    private <T> T call(Supplier<T> request) {
        try {
            T answer = request.get();
            link.up();
            return answer;
        } catch (JedisException e) {
            link.down("answering a member", e);
            throw new Unreachable(e);
        }
    }

    private void readLoop() {
        while (!closed) {
            try {
                List<RedisLink.Entry> entries = redis.read(lastId, READ_BATCH, true);
                link.up();
                if (entries.isEmpty()) {
                    members.afterRead(lastId); // a change just before a quiet spell is saved too
                    continue;
                }
                if (entries.size() < READ_BATCH && nodes > 1) {
                    LockSupport.parkNanos(GATHER_NANOS);
                    entries.addAll(redis.read(entries.get(entries.size() - 1).id(), READ_BATCH - entries.size(), false));
                }
                List<StreamRecord> records = new ArrayList<>(entries.size());
                long missed = 0;
                for (RedisLink.Entry entry : entries) {
                    if (entry.record() != null) {
                        records.add(entry.record());
                    }
                    missed += missedBefore(entry.number());
                }
                lastId = entries.get(entries.size() - 1).id();
                if (missed > 0) { // told first: the gap is at or before these lines
                    log.warn("{} entries of the stream were trimmed before this node read them: it fell more than the "
                            + "stream keeps ({}) behind the others", missed, config.streamLength());
                    members.missed(missed);
                    // changes among them: the entries from here on replay the rest
                    members.accountsAre(redis.registry().accounts());
                    members.bansAre(redis.registry().bans());
                }
                members.deliver(records, true);
                publisher.readUpTo(lastId);
                members.afterRead(lastId);
            } catch (JedisException e) {
                if (closed) {
                    return;
                }
                link.down("reading the stream", e);
                pause(RETRY_MILLIS);
            } catch (RuntimeException e) {
                log.error("Unexpected failure reading the stream; reading on from {}", lastId, e);
                pause(RETRY_MILLIS);
            }
        }
    }

    /** Entries between the last one read and the one numbered {@code number} that were never read. */
    private long missedBefore(long number) {
        long gap = lastNumber > 0 && number > lastNumber ? number - lastNumber - 1 : 0; // lower: Redis began anew
        if (number > 0) {
            lastNumber = number;
        }
        return gap;
    }

    private void beatLoop() {
        long beatMillis = config.beat().toMillis();
        while (!closed) {
            try {
                List<HeldName> inDoubt = names.inDoubt(); // claims sent before this beat
                RedisLink.BeatResult result = redis.beat(node, epoch, announceLimit);
                link.up();
                online = result.online();
                nodes = result.nodes();
                if (result.beat() != RedisLink.Beat.OK) {
                    registerAgain(result.beat() == RedisLink.Beat.DEAD);
                }
                names.freeUnheld(inDoubt);
                long trimmed = redis.trimToBytes(); // every node, each beat: whoever comes first trims
                if (trimmed > 0) {
                    log.debug("Trimmed {} entries of the stream to keep it within {} bytes", trimmed, config.streamBytes());
                }
            } catch (JedisException e) {
                if (!closed) {
                    link.down("beating its heart", e);
                }
            } catch (RuntimeException e) {
                log.error("Unexpected failure of the heartbeat", e);
            }
            pause(beatMillis);
        }
    }

    /**
     * Registers this node and its members again: after the others took it for dead (their leaves were
     * announced, so their joins are too), or after Redis lost its data (nothing was announced: nothing is).
     */
    private void registerAgain(boolean announced) {
        List<String> answer = names.registerAgain(announced
                ? "The other nodes took this one for dead (no heartbeat for " + config.nodeTimeout().toSeconds() + " s)"
                : "Redis lost the chat's data (restarted without saving it)", announced, UUID.randomUUID().toString());
        epoch = answer.get(0);
        if (answer.size() > 1) {
            members.lost(answer.subList(1, answer.size()));
        }
        if (!announced) { // Redis lost the accounts and bans too: this node's copy has every change (a change the
            // reader applies between a seed and its answer is undone here until changed again: a window of microseconds)
            members.accountsAre(redis.registry().seedAccounts(members.accounts()));
            members.bansAre(redis.registry().seedBans(members.bans()));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Appends what is queued (for up to two seconds), frees this node's remaining names in Redis and stops its
     * threads. The server closes its sessions first, so their leaves are among what is appended.
     */
    @Override
    public void close() {
        try {
            if (!publisher.drainAndStop(2000)) {
                log.warn("{} lines could not be appended before shutdown", publisher.held());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        heartbeat.interrupt();
        try {
            redis.retire(node, announceLimit);
        } catch (JedisException e) {
            log.warn("Could not free this node's names in Redis ({}); the others will after {} s", e.getMessage(),
                    config.nodeTimeout().toSeconds());
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(4));
            heartbeat.join(TimeUnit.SECONDS.toMillis(4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
    }
}
