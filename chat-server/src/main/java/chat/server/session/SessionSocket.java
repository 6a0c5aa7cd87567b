package chat.server.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of one session, and every way it ends: {@link #close()} is the only place it is closed.
 *
 * <p>Whichever of the session's threads stops first closes it, and the other one's blocked I/O then fails,
 * so it stops too; closing from another thread is the only way to free a write stuck on a peer that does
 * not read. There is one exception to "close at once": when the reader itself ends the session (quit,
 * flooding, an HTTP request), the peer may still be sending, and closing with unread input makes the kernel
 * reset the connection, which can destroy our last line before the peer reads it. Then the writer only
 * half-closes after that line ({@link #writerDone()}) and the reader closes after a linger
 * ({@link #lingerThenClose()}).
 */
final class SessionSocket {
    private static final Logger log = LoggerFactory.getLogger(SessionSocket.class);
    /** How long a session ended by its reader keeps the socket half-open for the peer to read the goodbye. */
    private static final long LINGER_MILLIS = 2000;
    /** What is read and discarded while lingering; past it the peer's sends simply stall. */
    private static final int LINGER_DRAIN_BYTES = 64 * 1024;

    private final Socket socket;
    private final ScheduledExecutorService timer;
    private final Duration closeGrace;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean readerCloses;

    SessionSocket(Socket socket, ScheduledExecutorService timer, Duration closeGrace) {
        this.socket = socket;
        this.timer = timer;
        this.closeGrace = closeGrace;
    }

    Socket socket() {
        return socket;
    }

    /** Closes now; idempotent. Also ends any {@link #awaitClose} at once. */
    void close() {
        closed.countDown();
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing socket failed: {}", e.getMessage());
        }
    }

    /** Waits up to {@code nanos} for {@link #close()}; true if it was closed meanwhile. */
    boolean awaitClose(long nanos) throws InterruptedException {
        return closed.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** A goodbye is on its way to a peer that may not read it: close after the grace at the latest. */
    void closeAfterGrace() {
        try {
            timer.schedule(this::close, closeGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(); // the server has stopped: no grace left to give
        }
    }

    /** The reader has stopped reading: from now on it, not the writer, closes the socket. */
    void readerWillClose() {
        readerCloses = true;
    }

    /** The writer has stopped: close, unless the reader closes after a linger; then only half-close. */
    void writerDone() {
        if (!readerCloses) {
            close();
            return;
        }
        try {
            socket.shutdownOutput(); // our last line, then FIN: the peer reads everything, then the end
        } catch (IOException e) {
            close();
        }
    }

    /**
     * Closes once the peer has had time to read our last lines: reads and discards until the peer closes,
     * up to {@value #LINGER_DRAIN_BYTES} bytes, then waits without reading (the peer's sends stall) until
     * {@value #LINGER_MILLIS} ms are up. Runs on the reader thread, which has stopped reading lines.
     */
    void lingerThenClose() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            boolean peerClosed = false;
            for (int budget = LINGER_DRAIN_BYTES; budget > 0 && !peerClosed; ) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(sink);
                peerClosed = n < 0;
                budget -= Math.max(0, n);
            }
            if (!peerClosed) {
                awaitClose(deadline - System.nanoTime());
            }
        } catch (IOException e) {
            // closed, reset or timed out: close now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
