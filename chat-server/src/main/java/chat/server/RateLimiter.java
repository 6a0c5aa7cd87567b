package chat.server;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} lines at once, refilled at {@code perSecond}. One per connection,
 * used only by its reader thread, so it needs no lock; the clock is injected so tests need no sleeps.
 */
final class RateLimiter {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token if there is one; false means over the budget. */
    boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
