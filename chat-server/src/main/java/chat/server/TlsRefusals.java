package chat.server;

import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses connections on a TLS port so that a TLS client can read why ({@code ERROR SERVER_FULL} and the
 * rest): the handshake comes first, and it must not run on the accept thread. A few threads of their own
 * do it, each refusal given up after {@value #GIVE_UP_MILLIS} ms; when more refusals wait than
 * {@value #WAITING}, the rest are closed without a word, so a flood of refused connections costs bounded
 * work. A plain-text client on the port is answered in plain text, as a session would.
 */
final class TlsRefusals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsRefusals.class);
    static final int THREADS = 2;
    static final int WAITING = 32;
    static final long GIVE_UP_MILLIS = 5000;

    private final Supplier<SSLContext> tls;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor pool;

    TlsRefusals(Supplier<SSLContext> tls, ScheduledExecutorService timer) {
        this.tls = tls;
        this.timer = timer;
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING), task -> {
            Thread thread = new Thread(task, "chat-tls-refusal-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Refuses {@code socket} with {@code error} and {@code BYE byeText}, soon, on a thread of this object. */
    void refuse(Socket socket, ServerEvent error, String byeText) {
        try {
            pool.execute(() -> answer(socket, error, byeText));
        } catch (RejectedExecutionException e) {
            close(socket); // too many at once, or shutting down: closed without a word
        }
    }

    private void answer(Socket socket, ServerEvent error, String byeText) {
        ScheduledFuture<?> giveUp;
        try {
            giveUp = timer.schedule(() -> close(socket), GIVE_UP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close(socket); // the server is shutting down
            return;
        }
        try (socket) {
            SessionStreams streams = new SessionStreams(socket, tls.get());
            streams.open(); // TLS, or plain text for a client that does not speak it
            Refusal.write(streams.output(), error, byeText);
        } catch (IOException | RuntimeException e) {
            log.debug("Refusal not delivered: {}", e.getMessage());
        } finally {
            giveUp.cancel(false);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Close failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
