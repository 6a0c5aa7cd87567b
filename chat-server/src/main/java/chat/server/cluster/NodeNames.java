package chat.server.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names this node's members hold in Redis: claimed, released, registered again when Redis lost them or
 * the others took this node for dead, and freed when a claim was applied after the node gave up on it.
 *
 * <p>Claims and releases exclude registering again ({@code registration}: they share it, registering takes
 * it alone), so that no name is claimed in Redis and missing from what is registered, nor registered again
 * after its leave. It is held across Redis calls (2 s timeout at most), taken under no other lock, and only
 * the publisher's queue lock is taken under it.
 *
 * <p>A claim whose answer did not come back may still be applied later: it can sit in a frozen Redis's input
 * until Redis resumes. Such a name is freed in Redis (if this node holds it there and no member here does)
 * once a heartbeat sent after the claim was answered: by then Redis has done with the claim.
 */
final class NodeNames {
    private static final Logger log = LoggerFactory.getLogger(NodeNames.class);

    private final RedisLink redis;
    private final String node;
    private final int announceLimit;
    private final Map<String, HeldName> held = new ConcurrentHashMap<>(); // as Redis has them
    private final Map<String, HeldName> doubtful = new ConcurrentHashMap<>(); // claims whose answer was lost
    private final ReadWriteLock registration = new ReentrantReadWriteLock();

    NodeNames(RedisLink redis, String node, int announceLimit) {
        this.redis = redis;
        this.node = node;
        this.announceLimit = announceLimit;
    }

    /**
     * Claims {@code name} and appends its join: 1 claimed (held from then until {@link #release}), 0 taken, -1
     * this node is not registered; throws as {@link RedisLink} does.
     */
    int claim(HeldName name) {
        registration.readLock().lock();
        try {
            int answer = redis.claim(node, name, announceLimit);
            if (answer == 1) {
                held.put(name.key(), name);
            }
            return answer;
        } catch (RuntimeException e) {
            doubtful.put(name.key(), name);
            throw e;
        } finally {
            registration.readLock().unlock();
        }
    }

    /**
     * Stops registering {@code key} again, then runs {@code leave} (which queues the leave that frees it in
     * Redis): both between registrations, so that a registration under way cannot hold the name again
     * after its leave was applied.
     */
    void release(String key, Runnable leave) {
        registration.readLock().lock();
        try {
            held.remove(key);
            leave.run();
        } finally {
            registration.readLock().unlock();
        }
    }

    /**
     * Registers this node and its names again ({@code why}: for the log); {@code announce}: append their joins.
     * Registering the same names twice is harmless, so a request whose answer was lost can be asked again.
     *
     * @return Redis's epoch, then the keys others took meanwhile (no longer held here)
     */
    List<String> registerAgain(String why, boolean announce, String epochIfNone) {
        registration.writeLock().lock();
        try {
            List<HeldName> names = List.copyOf(held.values());
            log.warn("{}; registering this node and its {} members again", why, names.size());
            List<String> answer = redis.register(node, epochIfNone, announce, announceLimit, names);
            answer.subList(1, answer.size()).forEach(held::remove);
            return answer;
        } finally {
            registration.writeLock().unlock();
        }
    }

    /** The claims whose answer was lost so far: to {@link #freeUnheld} after a heartbeat sent later is answered. */
    List<HeldName> inDoubt() {
        return List.copyOf(doubtful.values());
    }

    /** Frees in Redis those of {@code inDoubt} that no member here holds now; throws as {@link RedisLink} does. */
    void freeUnheld(List<HeldName> inDoubt) {
        if (inDoubt.isEmpty()) {
            return;
        }
        registration.writeLock().lock();
        try {
            for (HeldName name : inDoubt) {
                if (!held.containsKey(name.key()) && redis.free(node, name, announceLimit)) {
                    log.info("Freed the name {}: its claim was applied after this node had given up on it", name.name());
                }
                doubtful.remove(name.key(), name);
            }
        } finally {
            registration.writeLock().unlock();
        }
    }
}
