package chat.server.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands log lines to a background thread and never waits for it: when the output stalls (stdout piped to a
 * program that stopped reading, a full disk) and the queue is full, lines are dropped and counted instead of
 * blocking the thread that logs, which may be the accept thread or a session's. The count is logged as a
 * warning with the next line that gets through.
 *
 * <p>An {@link AsyncAppender} with {@code neverBlock} and no discarding by level, plus that count.
 */
public final class NonBlockingAppender extends AsyncAppender {
    private final AtomicLong dropped = new AtomicLong();

    public NonBlockingAppender() {
        setNeverBlock(true);
        setDiscardingThreshold(0); // never drop by level on its own: only what does not fit
    }

    /** Log lines dropped so far and not yet reported. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (getRemainingCapacity() == 0) {
            dropped.incrementAndGet();
            return;
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            super.append(droppedReport(lost));
        }
        super.append(event);
    }

    private ILoggingEvent droppedReport(long lost) {
        LoggerContext context = (LoggerContext) getContext();
        LoggingEvent report = new LoggingEvent(NonBlockingAppender.class.getName(), context.getLogger("chat.server.logging"),
                Level.WARN, "{} log lines were dropped: the log output was not keeping up", null, new Object[] {lost});
        return report;
    }
}
