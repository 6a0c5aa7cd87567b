package chat.client.core;

import java.time.Duration;

/** The pauses between reconnection attempts: 1 s, then doubling, at most 30 s. Not thread-safe. */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LAST = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The pause before the next attempt; each call doubles the one after, up to {@link #LAST}. */
    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LAST) > 0 ? LAST : doubled;
        return now;
    }
}
