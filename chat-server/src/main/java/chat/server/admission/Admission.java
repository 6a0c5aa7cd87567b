package chat.server.admission;

import chat.server.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Who may connect, and the allowances that follow an address rather than one of its connections.
 *
 * <p>It counts connections in all and per address ({@link AddressKey}), and among them those not yet logged
 * in ("pending"), which have their own smaller caps so that connections that never log in cannot hold every
 * slot; it throttles how often an address may open a connection; it gives each connection a line allowance
 * of its own, so that people behind one address (a NAT, a carrier's CGNAT, one machine) do not pay for each
 * other's lines, while a connection from an address starts with the debt of that address's connections that
 * are over their allowance or that closed while they were (a client that reconnects starts where it left
 * off, not with a fresh burst); and it keeps each address's allowance of account changes, which cost a
 * password hash each. An address is forgotten once it has no connection and its allowances are full again.
 *
 * <p>Every method takes this object's lock, briefly; nothing else is locked under it.
 */
public final class Admission {
    /** What {@link #admit} decided. Only {@code ADMITTED} counts the connection. */
    public enum Verdict {
        ADMITTED,
        SERVER_FULL,
        ADDRESS_FULL,
        PENDING_FULL,
        ADDRESS_PENDING_FULL,
        THROTTLED
    }

    /** The login timeout never shrinks below this, however full the pending cap. */
    static final Duration MIN_LOGIN_TIMEOUT = Duration.ofSeconds(5);

    private static final class Entry {
        int connections;
        int pending;
        final RateLimiter connects; // null: no throttle
        final List<RateLimiter> lines = new ArrayList<>(); // the line allowances of its open connections
        long closedDebtUntil; // when the allowances of its closed connections would have been even (nanoTime)
        final RateLimiter accountChanges; // null: no limit

        Entry(RateLimiter connects, RateLimiter accountChanges, long now) {
            this.connects = connects;
            this.accountChanges = accountChanges;
            this.closedDebtUntil = now;
        }

        boolean forgettable(long now) {
            return connections == 0 && (connects == null || connects.isFull()) && closedDebtUntil - now <= 0
                    && (accountChanges == null || accountChanges.isFull());
        }
    }

    private final ServerConfig config;
    private final LongSupplier nanoTime;
    private final Map<AddressKey, Entry> entries = new HashMap<>(); // guarded by this
    private int connections; // guarded by this
    private int pending; // guarded by this

    public Admission(ServerConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
    }

    /** Decides on a new connection from {@code key} and, if admitted, counts it as connected and pending. */
    public synchronized Verdict admit(AddressKey key) {
        Entry entry = entries.computeIfAbsent(key, k -> newEntry());
        Verdict verdict = decide(entry);
        if (verdict == Verdict.ADMITTED) {
            connections++;
            pending++;
            entry.connections++;
            entry.pending++;
        } else if (entry.forgettable(nanoTime.getAsLong())) {
            entries.remove(key);
        }
        return verdict;
    }

    private Verdict decide(Entry entry) {
        if (connections >= config.maxClients()) {
            return Verdict.SERVER_FULL;
        }
        if (config.maxPerIp() > 0 && entry.connections >= config.maxPerIp()) {
            return Verdict.ADDRESS_FULL;
        }
        if (pending >= config.maxPending()) {
            return Verdict.PENDING_FULL;
        }
        if (config.maxPendingPerIp() > 0 && entry.pending >= config.maxPendingPerIp()) {
            return Verdict.ADDRESS_PENDING_FULL;
        }
        if (entry.connects != null && !entry.connects.tryAcquire()) {
            return Verdict.THROTTLED; // checked last: a refusal for another reason costs no allowance
        }
        return Verdict.ADMITTED;
    }

    private Entry newEntry() {
        RateLimiter connects = config.connectThrottled()
                ? new RateLimiter(1e9 / config.connectInterval().toNanos(), config.connectBurst(), nanoTime)
                : null;
        return new Entry(connects, allowance(config.accountChanges()), nanoTime.getAsLong());
    }

    private RateLimiter allowance(ServerConfig.Throttle throttle) {
        return throttle.on() ? new RateLimiter(1e9 / throttle.interval().toNanos(), throttle.burst(), nanoTime) : null;
    }

    /**
     * The allowance of account changes ({@code /register}, {@code /password}) of {@code key}, shared by its
     * connections; null when there is no limit.
     */
    public synchronized RateLimiter accountChanges(AddressKey key) {
        return admitted(key).accountChanges;
    }

    /**
     * A line allowance for a new connection from {@code key}, admitted and not yet {@link #ended}: its own, in the
     * debt its address is in (the most of its open connections' and of those closed while in debt); null when
     * flood control is off.
     */
    public synchronized RateLimiter lineAllowance(AddressKey key) {
        Entry entry = admitted(key);
        if (!config.rateLimited()) {
            return null;
        }
        RateLimiter lines = new RateLimiter(config.rateLimit(), config.rateBurst(), nanoTime);
        lines.owe(entry.closedDebtUntil);
        entry.lines.forEach(open -> lines.owe(open.evenAt()));
        entry.lines.add(lines);
        return lines;
    }

    private Entry admitted(AddressKey key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalStateException("no connection from " + key);
        }
        return entry;
    }

    /** A connection from {@code key} logged in: it no longer counts as pending. */
    public synchronized void loggedIn(AddressKey key) {
        pending--;
        entries.get(key).pending--;
    }

    /**
     * A connection from {@code key} ended; {@code wasPending} if it had not logged in; {@code lines}: its line
     * allowance (null: none), whose debt its address keeps for the next connection.
     */
    public synchronized void ended(AddressKey key, boolean wasPending, RateLimiter lines) {
        Entry entry = entries.get(key);
        connections--;
        entry.connections--;
        if (wasPending) {
            pending--;
            entry.pending--;
        }
        if (lines != null && entry.lines.remove(lines) && lines.evenAt() - entry.closedDebtUntil > 0) {
            entry.closedDebtUntil = lines.evenAt();
        }
        if (entry.forgettable(nanoTime.getAsLong())) {
            entries.remove(key);
        }
    }

    /** Forgets addresses with no connection whose allowances have refilled: bounds what is remembered. */
    public synchronized void forgetIdle() {
        long now = nanoTime.getAsLong();
        entries.values().removeIf(entry -> entry.forgettable(now));
    }

    public synchronized int connections() {
        return connections;
    }

    public synchronized int pending() {
        return pending;
    }

    /** Addresses remembered now; 0 once every connection has ended and the allowances have refilled. */
    public synchronized int addressesRemembered() {
        return entries.size();
    }

    /**
     * How long a connection may now go without trying a name: the configured login timeout while at most
     * half the pending cap is used, then shrinking linearly to {@link #MIN_LOGIN_TIMEOUT} (or the configured
     * timeout, if shorter) as the cap fills, so that connections that never log in are shed faster the more
     * of them there are.
     */
    public synchronized long loginTimeoutNanos() {
        long full = config.loginTimeout().toNanos();
        long floor = Math.min(full, MIN_LOGIN_TIMEOUT.toNanos());
        double half = config.maxPending() / 2.0;
        double fill = Math.min(1, Math.max(0, (pending - half) / half));
        return full - (long) (fill * (full - floor));
    }
}
