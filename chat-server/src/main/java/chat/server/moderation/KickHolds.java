package chat.server.moderation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Names an operator kicked, held out for a short time (docs/OPERATIONS.md, {@code --kick-hold}), so that a
 * kick is not undone by reconnecting within a second. Only the name is held: its owner may come back under
 * another one, as after a kick on IRC; a ban is what keeps a person out. In memory, at most
 * {@value #MAX_NAMES} names (the oldest go first); thread-safe.
 */
public final class KickHolds {
    static final int MAX_NAMES = 10_000;

    private final long holdNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> until = new LinkedHashMap<>(16, 0.75f, false) { // name key -> nanoTime; guarded by KickHolds.this
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_NAMES;
        }
    };

    /** @param hold how long a kicked name is held; zero: kicks hold nothing */
    public KickHolds(Duration hold, LongSupplier nanoTime) {
        this.holdNanos = hold.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Holds {@code name} out from now. */
    public synchronized void kicked(String name) {
        if (holdNanos > 0) {
            String key = key(name);
            until.remove(key); // re-inserted: the newest last, for the eviction order
            until.put(key, nanoTime.getAsLong() + holdNanos);
        }
    }

    /** How long {@code name} is still held, in nanoseconds; 0: it is free. */
    public synchronized long heldNanos(String name) {
        String key = key(name);
        Long end = until.get(key);
        if (end == null) {
            return 0;
        }
        long left = end - nanoTime.getAsLong();
        if (left <= 0) {
            until.remove(key);
            return 0;
        }
        return left;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
