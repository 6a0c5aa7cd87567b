package chat.server.transfer;

import java.util.concurrent.TimeUnit;

/**
 * The relay rate one member's sending transfers share: each copy reserves its bytes and is told how long to
 * wait so that all of them together stay at the rate. Thread-safe.
 */
final class Bandwidth {
    private final long bytesPerSecond;
    private long nextFree; // nanoTime when the rate allows the next byte; guarded by this

    Bandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Reserves {@code bytes} moved at {@code now}; returns the nanoseconds to wait before moving more. */
    synchronized long reserve(long bytes, long now) {
        long start = Math.max(now, nextFree);
        nextFree = start + bytes * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond;
        return Math.max(0, nextFree - now - TimeUnit.MILLISECONDS.toNanos(50)); // a little slack: sleeps are coarse
    }
}
