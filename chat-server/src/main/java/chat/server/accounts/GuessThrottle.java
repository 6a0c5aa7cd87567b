package chat.server.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: per key (a name, an address), the first {@value #FREE_FAILURES} wrong passwords
 * cost nothing more, then each further one makes the next attempt wait, 1 s and doubling up to 5 minutes.
 * A key is forgotten 15 minutes after its last failure, and at most {@value #MAX_KEYS} keys are kept (the
 * least recently used go first), so memory stays bounded whatever an attacker sends. Thread-safe.
 *
 * <p>Where several nodes serve one chat, each node's guesses are {@link #share shared}: every node counts the
 * wrong passwords given on any of them, so spreading guesses over the nodes gains an attacker nothing.
 */
public final class GuessThrottle {
    /** How the nodes of one chat tell each other of the guesses made on them. */
    public interface Shared {
        /**
         * Tells the other nodes that a password for {@code key} was given here, {@code right} or not. Must not
         * block; a guess that cannot be told now is still counted here.
         */
        void guessed(String key, boolean right);
    }

    public static final int FREE_FAILURES = 5;
    static final int MAX_KEYS = 100_000;
    private static final long FIRST_WAIT = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_WAIT = TimeUnit.MINUTES.toNanos(5);
    private static final long FORGET_AFTER = TimeUnit.MINUTES.toNanos(15);

    private static final class Failures {
        int count;
        long last;
        long allowedAt;
    }

    private final LongSupplier nanoTime;
    private volatile Shared shared; // null: this server alone
    private final Map<String, Failures> byKey = new LinkedHashMap<>(16, 0.75f, true) { // guarded by GuessThrottle.this
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** The key under which the guesses from one address are counted ({@code address} an {@code AddressKey}'s). */
    public static String fromAddress(Object address) {
        return "address " + address;
    }

    /** The key under which the guesses of {@code nameKey}'s password from one address are counted. */
    public static String forName(String nameKey, String fromAddress) {
        return "name " + nameKey + " at " + fromAddress;
    }

    public GuessThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** From now on, every guess counted here is told to the other nodes through {@code others}. */
    public void share(Shared others) {
        shared = others;
    }

    /** How long {@code key} must still wait before its next attempt, in nanoseconds; 0: it may try now. */
    public synchronized long waitNanos(String key) {
        Failures f = current(key);
        return f == null ? 0 : Math.max(0, f.allowedAt - nanoTime.getAsLong());
    }

    /** Counts a wrong password for {@code key}; returns how many in a row it has now. */
    public int failed(String key) {
        int inARow = count(key);
        tell(key, false);
        return inARow;
    }

    /** A right password for {@code key}: its failures are forgotten. */
    public void succeeded(String key) {
        forget(key);
        tell(key, true);
    }

    /** A password for {@code key} given on another node, {@code right} or not: counted as if given here. */
    public void applied(String key, boolean right) {
        if (right) {
            forget(key);
        } else {
            count(key);
        }
    }

    private void tell(String key, boolean right) {
        Shared others = shared;
        if (others != null) {
            others.guessed(key, right);
        }
    }

    private synchronized int count(String key) {
        long now = nanoTime.getAsLong();
        Failures f = current(key);
        if (f == null) {
            f = new Failures();
            byKey.put(key, f);
        }
        f.count++;
        f.last = now;
        if (f.count >= FREE_FAILURES) {
            int doublings = Math.min(30, f.count - FREE_FAILURES);
            f.allowedAt = now + Math.min(MAX_WAIT, FIRST_WAIT << doublings);
        }
        return f.count;
    }

    private synchronized void forget(String key) {
        byKey.remove(key);
    }

    synchronized int keys() {
        return byKey.size();
    }

    private Failures current(String key) { // under the lock
        Failures f = byKey.get(key);
        if (f != null && nanoTime.getAsLong() - f.last > FORGET_AFTER) {
            byKey.remove(key);
            return null;
        }
        return f;
    }
}
