package chat.server.admission;

import org.slf4j.Logger;

/**
 * Logs a failure that may repeat thousands of times a second (say, no thread can be created) once per
 * burst: the first at once, the others counted and reported with the next one logged after a quiet spell.
 * A log that repeats the same line at the attacker's rate would be an attack of its own.
 */
public final class BurstLog {
    private final Logger log;
    private final long quietNanos;
    private long lastLogged; // guarded by this
    private boolean loggedBefore; // guarded by this
    private long suppressed; // guarded by this

    public BurstLog(Logger log, long quietNanos) {
        this.log = log;
        this.quietNanos = quietNanos;
    }

    /** Logs {@code message} unless one was logged within the quiet spell. */
    public void warn(String message) {
        long now = System.nanoTime();
        long skipped;
        synchronized (this) {
            if (loggedBefore && now - lastLogged < quietNanos) {
                suppressed++;
                return;
            }
            loggedBefore = true;
            lastLogged = now;
            skipped = suppressed;
            suppressed = 0;
        }
        if (skipped > 0) {
            log.warn("{} ({} more like it since the last report)", message, skipped);
        } else {
            log.warn("{}", message);
        }
    }
}
