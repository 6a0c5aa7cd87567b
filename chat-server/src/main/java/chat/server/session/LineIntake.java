package chat.server.session;

import chat.common.io.BoundedLineReader;
import chat.common.io.LineTooLongException;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.text.TextSanitizer;
import chat.server.admission.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lines of one connection, paced to what its address may send: the reader thread acts only on what
 * {@link #next()} hands it.
 *
 * <p>Every line counts against the address's allowance, blank and overlong ones included, before and after
 * login. A line over the allowance is not refused at once but delayed ("fake lag", as IRC servers do): it
 * waits in a backlog and is handed out when it is due at the sustained rate, so an honest client whose
 * lines arrive in a bunch (after a network or server stall) loses none. Only a line that would have to
 * wait longer than the backlog allows ({@code backlog} lines' worth of the rate) is refused, with
 * {@code ERROR RATE_LIMITED} naming it; a client refused {@code floodLimit} times in a burst is flooding,
 * and {@link #next()} then ends.
 *
 * <p>While lines wait, the connection is still read (up to the time the first one is due), so a flood is
 * seen as it happens and memory stays bounded by the backlog. Overlong lines are answered with
 * {@code ERROR LINE_TOO_LONG} in their turn. At the end of the stream the lines already accepted are still
 * handed out at their time; a fragment without a line end is not a line.
 *
 * <p>One reader thread owns it. Closing the {@link SessionSocket} ends any wait at once.
 */
final class LineIntake {
    private static final int PREVIEW_CODE_POINTS = 40;
    private static final double FLOOD_WINDOW_SECONDS = 10;

    /** A line accepted and waiting for its time; {@code text} null for a line that was too long. */
    private record Waiting(String text, long dueNanos) {}

    private final SessionSocket socket;
    private final BoundedLineReader reader;
    private final int maxLineBytes;
    private final RateLimiter allowance; // the address's, shared; null when flood control is off
    private final long maxLagNanos;
    private final RateLimiter refusals; // per connection: refusals a flooder may collect before it is cut off
    private final Consumer<ServerEvent> reply;
    private final Runnable beforeWait;
    private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();
    private int soTimeoutMillis; // as last set on the socket: set again only when it changes
    private boolean endOfStream;
    private boolean flooding;

    /**
     * @param input the connection's bytes (telnet already filtered out)
     * @param allowance the address's line allowance; null for no flood control
     * @param reply sends an error to this connection; must not block
     * @param beforeWait runs before the thread may wait for input or for a line's time
     */
    LineIntake(SessionSocket socket, InputStream input, int maxLineBytes, RateLimiter allowance, int backlogLines,
            int floodLimit, Consumer<ServerEvent> reply, Runnable beforeWait) {
        this.socket = socket;
        this.reader = new BoundedLineReader(input, maxLineBytes);
        this.maxLineBytes = maxLineBytes;
        this.allowance = allowance;
        this.maxLagNanos = allowance == null ? 0 : backlogLines * allowance.intervalNanos();
        this.refusals = new RateLimiter(floodLimit / FLOOD_WINDOW_SECONDS, floodLimit, System::nanoTime);
        this.reply = reply;
        this.beforeWait = beforeWait;
    }

    /**
     * The next line to act on, sanitised (docs/PROTOCOL.md, "Framing"), when it is due; null when the
     * connection has ended, or when the client was found flooding ({@link #flooding()}).
     */
    String next() throws IOException {
        while (true) {
            Waiting head = backlog.peekFirst();
            long now = System.nanoTime();
            if (head != null && head.dueNanos() - now <= 0) {
                backlog.pollFirst();
                if (head.text() == null) {
                    reply.accept(ErrorCode.LINE_TOO_LONG.event(maxLineBytes));
                    continue;
                }
                return head.text();
            }
            if (endOfStream) {
                if (head == null || !waitUntil(head.dueNanos())) {
                    return null;
                }
                continue;
            }
            if (!reader.hasBufferedLine()) {
                beforeWait.run();
            }
            String line;
            try {
                readTimeout(head == null ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(head.dueNanos() - now) + 1));
                line = reader.readLine();
                if (line == null) {
                    endOfStream = true;
                    continue;
                }
                line = TextSanitizer.clean(line);
            } catch (SocketTimeoutException e) {
                continue; // the first waiting line is due
            } catch (LineTooLongException e) {
                line = null;
            }
            if (allowance == null) {
                if (line != null) {
                    return line;
                }
                reply.accept(ErrorCode.LINE_TOO_LONG.event(maxLineBytes));
                continue;
            }
            long delay = allowance.reserve(maxLagNanos);
            if (delay < 0) {
                if (!refuse(line)) {
                    return null;
                }
            } else if (delay == 0 && backlog.isEmpty() && line != null) {
                return line; // within the allowance: no waiting
            } else {
                backlog.addLast(new Waiting(line, System.nanoTime() + delay));
            }
        }
    }

    /** Bounds the next read by the time the first waiting line is due (0: no bound). */
    private void readTimeout(int millis) throws IOException {
        if (millis != soTimeoutMillis) {
            socket.socket().setSoTimeout(millis);
            soTimeoutMillis = millis;
        }
    }

    /** Whether {@link #next()} ended because the client kept sending far over its allowance. */
    boolean flooding() {
        return flooding;
    }

    /** Answers a line over the allowance; false if that makes the client a flooder. */
    private boolean refuse(String line) {
        reply.accept(ErrorCode.RATE_LIMITED.event(preview(line)));
        if (!refusals.tryAcquire()) {
            flooding = true;
            return false;
        }
        return true;
    }

    /** Waits until {@code dueNanos}; false if the connection is closing meanwhile. */
    private boolean waitUntil(long dueNanos) throws IOException {
        beforeWait.run();
        try {
            return !socket.awaitClose(dueNanos - System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing lines");
        }
    }

    /** The start of a refused line, so the sender knows which one to send again. */
    static String preview(String line) {
        if (line == null) {
            return "(a line over the length limit)";
        }
        if (line.isBlank()) {
            return "(an empty line)";
        }
        int cut = line.offsetByCodePoints(0, Math.min(PREVIEW_CODE_POINTS, line.codePointCount(0, line.length())));
        return cut < line.length() ? line.substring(0, cut) + "..." : line;
    }
}
