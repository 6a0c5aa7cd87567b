package chat.client.core;

import chat.common.protocol.ServerEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Keeps the client within what the server allows (its {@code LIMITS} line), so that no line it sends is ever
 * refused: {@link #acquire()} waits until the next line is within the rate. A pasted block or a script piping
 * a thousand lines then arrives whole, just paced. Until {@code LIMITS} arrives (or from a server too old to
 * send it) the server's default allowance is assumed.
 *
 * <p>Used by the one thread that sends; {@link #update} may come from the thread that receives.
 */
final class Pacer {
    /** What a server without a LIMITS line allows by default (docs/PROTOCOL.md, "Limits"). */
    static final ServerEvent.Limits DEFAULT = new ServerEvent.Limits(5, 10, 20, 4096);

    private final LongSupplier nanoTime;
    private volatile ServerEvent.Limits limits = DEFAULT;
    private double tokens; // sender thread only
    private long last; // sender thread only

    Pacer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
        this.tokens = DEFAULT.burst() - 1; // the name line took one
    }

    void update(ServerEvent.Limits newLimits) {
        limits = newLimits;
    }

    /** A new connection: assume the burst is there again, less its name line (the server delays any excess). */
    void restart() {
        last = nanoTime.getAsLong();
        tokens = limits.burst() - 1;
    }

    /** Whether {@code line} fits the server's line limit; a longer one would only be refused. */
    boolean fits(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length <= limits.lineBytes();
    }

    /** How long to wait, in nanoseconds, before the next line may be sent; takes it. 0: send now. */
    long reserve() {
        ServerEvent.Limits l = limits;
        if (!l.rateLimited()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        double perNano = l.ratePerSecond() / 1e9;
        tokens = Math.min(l.burst(), tokens + (now - last) * perNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Waits until the next line may be sent, and takes it. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing, not synchronisation
        }
    }
}
