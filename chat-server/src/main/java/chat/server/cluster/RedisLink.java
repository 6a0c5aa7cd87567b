package chat.server.cluster;

import chat.server.config.ClusterConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Everything a node asks of Redis, and the only code that knows the keys (docs/DESIGN.md, "Several nodes"):
 *
 * <ul>
 *   <li>{@code chat:stream}: the stream of lines, in the chat's one order;
 *   <li>{@code chat:names}: name key to "NODE Name", for every member of every node;
 *   <li>{@code chat:node:NODE}: name key to the {@code LEAVE} line announced if that node dies;
 *   <li>{@code chat:nodes}: node to the time of its last heartbeat (Redis's clock);
 *   <li>{@code chat:checked}: when a node last looked for dead ones; {@code chat:epoch}: changes when Redis
 *       lost its data; {@code chat:seq:NODE}: the last batch of that node applied, so a retry applies none twice;
 *   <li>{@code chat:count}: entries ever added, each entry's number ({@code q}), so a reader sees a gap;
 *   <li>{@code chat:rooms}: the rooms as a node's copy held them after reading the entry {@code chat:rooms:at}
 *       (the newest such copy any node saved), for a node that starts to begin from.
 * </ul>
 *
 * <p>Every change that must be atomic is one Lua script. Thread-safe: calls borrow pooled connections. Every
 * call throws a {@link redis.clients.jedis.exceptions.JedisException} when Redis cannot be reached.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    static final String STREAM = "chat:stream";
    private static final int TIMEOUT_MILLIS = 2000;
    /** How long one read of the stream waits for an entry before it asks again. */
    private static final int BLOCK_MILLIS = 1000;

    // The scripts are files beside RedisScript (NAME.lua); shared.lua holds what several use: noting a name
    // taken under its node with its join (announced while no more than the limit are online), freeing one name of
    // a node with its leave (announced if always, or while fewer than the limit are online), forgetting a whole
    // node, and Redis's clock.

    /** ARGV: node, epoch if none, announce joins (1/0), announce limit, maxlen, then per member: key, "NODE Name", leave line, join line, operators' join line. */
    private static final RedisScript REGISTER = RedisScript.withShared("register");

    /** ARGV: node, epoch, timeout ms, gap ms, announce limit, maxlen. Returns {state, members online, nodes alive}. */
    private static final RedisScript BEAT = RedisScript.withShared("beat");

    /** ARGV: node, key, "NODE Name", leave line, join line, operators' join line, announce limit, maxlen. */
    private static final RedisScript CLAIM = RedisScript.withShared("claim");

    /**
     * ARGV: node, batch number, announce limit, maxlen, the stream's byte budget, then per record: kind, three
     * fields. A batch whose number is not above the node's last applied one was applied already (a retry after a
     * lost answer): nothing is done. Each tenth of the budget appended, the stream's memory is looked at and
     * trimmed to the budget ({@code trim_to}).
     */
    private static final RedisScript PUBLISH = RedisScript.withShared("publish");

    /**
     * ARGV: the stream's byte budget. If the stream takes more of Redis's memory than that (sampled, as
     * {@code MEMORY USAGE} estimates it), trims it to the share of its entries that fits, with a tenth to
     * spare. Returns the entries trimmed, about. Long lines make {@code MAXLEN}'s count take far more memory
     * than short ones: this bounds the bytes whatever the lines.
     */
    private static final RedisScript TRIM_TO_BYTES = RedisScript.withShared("trim-to-bytes");

    /** ARGV: node, key, leave line, announce limit, maxlen. Returns 1 if the node held the name, else 0. */
    private static final RedisScript FREE = RedisScript.withShared("free");

    /** ARGV: node, announce limit, maxlen. */
    private static final RedisScript RETIRE = RedisScript.withShared("retire");

    /** ARGV: the id of the last entry read, the rooms as of it. Keeps them unless those kept are as of a later entry. */
    private static final RedisScript SAVE_ROOMS = RedisScript.of("save-rooms");

    /** The most bytes of rooms a node saves or reads: 1000 rooms of 1000 members take about 24 MB. */
    static final int MAX_ROOMS_BYTES = 64 << 20;

    /** The rooms as a node saved them, after reading the entry {@code at}. */
    record SavedRooms(String at, String rooms) {}

    /** What a heartbeat found: this node is fine, was taken for dead by the others, or Redis lost its data. */
    enum Beat { OK, DEAD, LOST }

    /** A heartbeat's answer, with how many members are online in all and how many nodes are alive (this one included). */
    record BeatResult(Beat beat, int online, int nodes) {}

    /**
     * An entry read from the stream: its id, its number in the stream ({@code chat:count}, one more for every
     * entry added: a jump means entries were trimmed before this node read them; 0 if it has none) and what it
     * says (null: a kind this version skips).
     */
    record Entry(String id, long number, StreamRecord record) {}

    private final ClusterConfig config;
    private final RedisClient redis;
    private final RedisRegistry registry;

    RedisLink(ClusterConfig config) {
        this.config = config;
        var uri = config.redis();
        var client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .blockingSocketTimeoutMillis(TIMEOUT_MILLIS + BLOCK_MILLIS)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.hasDbIndex(uri) ? JedisURIHelper.getDBIndex(uri) : 0)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("chat-node")
                .build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
        this.redis = RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
                .clientConfig(client)
                .poolConfig(pool)
                .build();
        this.registry = new RedisRegistry(redis, maxlen());
    }

    /** The chat's registered names and bans, over this link. */
    RedisRegistry registry() {
        return registry;
    }

    /** Adds {@code node} (again), with {@code members}: returns Redis's epoch, then the keys refused as taken. */
    List<String> register(String node, String epochIfNone, boolean announceJoins, int announceLimit, List<HeldName> members) {
        List<String> args = new ArrayList<>(List.of(node, epochIfNone, announceJoins ? "1" : "0",
                Integer.toString(announceLimit), maxlen()));
        for (HeldName m : members) {
            args.addAll(List.of(m.key(), node + ' ' + m.name(), m.leaveLine(), m.joinLine(), m.operatorJoinLine()));
        }
        return strings(REGISTER.run(redis, args));
    }

    BeatResult beat(String node, String epoch, int announceLimit) {
        List<String> answer = strings(BEAT.run(redis, List.of(node, epoch, Long.toString(config.nodeTimeout().toMillis()),
                Long.toString(config.nodeTimeout().toMillis() / 2), Integer.toString(announceLimit), maxlen())));
        Beat beat = answer.get(0).equals("ok") ? Beat.OK : answer.get(0).equals("dead") ? Beat.DEAD : Beat.LOST;
        return new BeatResult(beat, Integer.parseInt(answer.get(1)), Integer.parseInt(answer.get(2)));
    }

    /** Claims {@code member}'s name for {@code node} and appends its join: 1 claimed, 0 taken, -1 node not registered. */
    int claim(String node, HeldName member, int announceLimit) {
        return ((Long) CLAIM.run(redis, List.of(node, member.key(), node + ' ' + member.name(), member.leaveLine(), member.joinLine(),
                member.operatorJoinLine(), Integer.toString(announceLimit), maxlen()))).intValue();
    }

    /**
     * Appends {@code records} in order, unless batch {@code seq} of {@code node} was applied already.
     *
     * @return the id of the last entry added, or "" if none was
     */
    String publish(String node, long seq, int announceLimit, List<StreamRecord> records) {
        List<String> args = new ArrayList<>(5 + 4 * records.size());
        args.addAll(List.of(node, Long.toString(seq), Integer.toString(announceLimit), maxlen(), Long.toString(config.streamBytes())));
        for (StreamRecord record : records) {
            args.addAll(StreamRecord.publishArgs(record));
        }
        return (String) PUBLISH.run(redis, args);
    }

    /** Trims the stream to its byte budget if it is over it; returns about how many entries went. */
    long trimToBytes() {
        return (Long) TRIM_TO_BYTES.run(redis, List.of(Long.toString(config.streamBytes())));
    }

    /** Frees {@code member}'s name if {@code node} holds it, appending its leave: whether it did. */
    boolean free(String node, HeldName member, int announceLimit) {
        return ((Long) FREE.run(redis, List.of(node, member.key(), member.leaveLine(), Integer.toString(announceLimit),
                maxlen()))).longValue() == 1;
    }

    /** Frees {@code node}'s names and forgets it (a node shutting down). */
    void retire(String node, int announceLimit) {
        RETIRE.run(redis, List.of(node, Integer.toString(announceLimit), maxlen()));
    }

    /** The name, as spelt, of the member with name key {@code key} on any node, or null if no one has it. */
    String holder(String key) {
        return nameOf(redis.hget("chat:names", key));
    }

    /** The names, as spelt, of the members online on any node under the name keys {@code keys}; none: empty. */
    List<String> holders(List<String> keys) {
        List<String> names = new ArrayList<>();
        for (String holder : redis.hmget("chat:names", keys.toArray(String[]::new))) {
            if (holder != null) {
                names.add(nameOf(holder));
            }
        }
        return names;
    }

    /** Every member's name, on every node. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        redis.hvals("chat:names").forEach(v -> names.add(nameOf(v)));
        return names;
    }

    private static String nameOf(String holder) {
        return holder == null ? null : holder.substring(holder.indexOf(' ') + 1);
    }

    /**
     * Up to {@code count} entries after {@code afterId}; if there are none yet and {@code wait}, waits up to
     * the block time for one. Empty if none came.
     */
    List<Entry> read(String afterId, int count, boolean wait) {
        XReadParams params = XReadParams.xReadParams().count(count);
        var answer = redis.xread(wait ? params.block(BLOCK_MILLIS) : params, Map.of(STREAM, new StreamEntryID(afterId)));
        List<Entry> entries = new ArrayList<>();
        if (answer != null) {
            for (var stream : answer) {
                stream.getValue().forEach(e -> entries.add(entry(e)));
            }
        }
        return entries;
    }

    /** Whether stream entry id {@code id} comes after {@code other} ({@code MILLIS-SEQUENCE}). */
    static boolean isAfter(String id, String other) {
        StreamEntryID a = new StreamEntryID(id);
        StreamEntryID b = new StreamEntryID(other);
        return a.compareTo(b) > 0;
    }

    /** Keeps {@code rooms}, a node's copy after reading entry {@code at}, unless a copy as of a later entry is kept. */
    void saveRooms(String at, String rooms) {
        SAVE_ROOMS.run(redis, List.of(at, rooms));
    }

    /**
     * The rooms as a node saved them last, or null if none did (or what is kept is not what a node writes: too
     * long, or not after an entry's id).
     */
    SavedRooms savedRooms() {
        String at = redis.get("chat:rooms:at");
        if (at == null || !at.matches("[0-9]{1,20}-[0-9]{1,20}") || redis.strlen("chat:rooms") > MAX_ROOMS_BYTES) {
            return null;
        }
        String rooms = redis.get("chat:rooms");
        return rooms == null ? null : new SavedRooms(at, rooms);
    }

    /** The newest {@code count} entries, oldest first. */
    List<Entry> newest(int count) {
        List<StreamEntry> newestFirst = redis.xrevrange(STREAM, "+", "-", count);
        List<Entry> entries = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            entries.add(entry(newestFirst.get(i)));
        }
        return entries;
    }

    /**
     * The entry {@code e}; one that is not what a node writes (docs/SECURITY.md: whoever can write to Redis
     * could have written it) is logged and read as one of a kind this version skips, so the entries after it
     * are read as usual.
     */
    private static Entry entry(StreamEntry e) {
        String number = e.getFields().get("q");
        long q = 0;
        if (number != null && !number.isEmpty() && number.length() <= 18 && number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            q = Long.parseLong(number);
        }
        StreamRecord record;
        try {
            record = StreamRecord.of(e.getID().getTime(), e.getFields());
        } catch (IllegalArgumentException invalid) {
            INVALID.skipped(e.getID().toString(), invalid.getMessage());
            record = null;
        }
        return new Entry(e.getID().toString(), q, record);
    }

    private static final InvalidEntries INVALID = new InvalidEntries();

    /** Logs invalid entries at most once per 10 s, with how many were skipped since: a flood cannot fill the log. */
    private static final class InvalidEntries {
        private long lastLogged = System.nanoTime() - TimeUnit.SECONDS.toNanos(10); // guarded by this
        private long skipped; // guarded by this

        synchronized void skipped(String id, String why) {
            skipped++;
            long now = System.nanoTime();
            if (now - lastLogged >= TimeUnit.SECONDS.toNanos(10)) {
                log.warn("Skipped an invalid stream entry {} ({}); {} skipped in all since the last such warning. Something "
                        + "other than a node writes to the stream: see docs/SECURITY.md, \"Several nodes\"", id, why, skipped);
                lastLogged = now;
                skipped = 0;
            }
        }
    }

    private String maxlen() {
        return Integer.toString(config.streamLength());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object answer) {
        List<String> strings = new ArrayList<>();
        for (Object o : (List<Object>) answer) {
            strings.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
        }
        return strings;
    }

    @Override
    public void close() {
        redis.close();
    }
}
