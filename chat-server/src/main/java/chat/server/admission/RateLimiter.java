package chat.server.admission;

import java.util.function.LongSupplier;

/**
 * An allowance of events: up to {@code burst} at once, then {@code perSecond} sustained (the generic cell
 * rate algorithm, which is a token bucket kept as one timestamp).
 *
 * <p>{@link #reserve} lets a caller take an event that is not yet due and wait for it ("fake lag"), up to a
 * bound; {@link #tryAcquire} takes only what is due now. Thread-safe, because some allowances are shared (an
 * address's account changes); the clock is injected so tests need no sleeps.
 */
public final class RateLimiter {
    private final long interval; // nanoseconds between events at the sustained rate
    private final long tolerance; // how far ahead of now the schedule may run: (burst - 1) intervals
    private final LongSupplier nanoTime;
    private long nextFree; // guarded by this: when the schedule is next free; the allowance is full when it is past

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        this.interval = Math.max(1, (long) (1e9 / perSecond));
        this.tolerance = (burst - 1) * interval;
        this.nanoTime = nanoTime;
        this.nextFree = nanoTime.getAsLong();
    }

    /**
     * When this allowance is even again (nanoTime): before then it is in debt, having taken events ahead of the
     * sustained rate; {@link #owe} hands that debt on.
     */
    synchronized long evenAt() {
        return nextFree;
    }

    /** Takes on a debt until {@code evenAt} (as another allowance's {@link #evenAt}), if that is later than this one's. */
    synchronized void owe(long evenAt) {
        if (evenAt - nextFree > 0) {
            nextFree = evenAt;
        }
    }

    /** Nanoseconds between events at the sustained rate. */
    public long intervalNanos() {
        return interval;
    }

    /**
     * Takes one event, due now or within {@code maxDelayNanos}.
     *
     * @return how long the caller must wait before acting on it (0: now), or -1 if it would be due later
     *     than {@code maxDelayNanos}; nothing is taken then
     */
    public synchronized long reserve(long maxDelayNanos) {
        long now = nanoTime.getAsLong();
        long delay = Math.max(0, nextFree - tolerance - now);
        if (delay > maxDelayNanos) {
            return -1;
        }
        nextFree = (nextFree - now > 0 ? nextFree : now) + interval;
        return delay;
    }

    /** How long until the next event is due, in nanoseconds; 0: now. */
    public synchronized long waitNanos() {
        return Math.max(0, nextFree - tolerance - nanoTime.getAsLong());
    }

    /** Takes one event if it is due now; false means over the allowance. */
    public boolean tryAcquire() {
        return reserve(0) == 0;
    }

    /** Whether the whole burst is available again, so that forgetting this allowance changes nothing. */
    synchronized boolean isFull() {
        return nextFree - nanoTime.getAsLong() <= 0;
    }
}
