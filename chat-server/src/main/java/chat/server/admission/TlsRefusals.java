package chat.server.admission;

import chat.common.protocol.ServerEvent;
import chat.server.tls.SessionStreams;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
 * rest): the handshake comes first, and it must not run on the accept thread. Threads of their own do it
 * (up to {@value #THREADS}), each refusal given up {@value #GIVE_UP_MILLIS} ms after it was asked for, that is
 * after its accept, its wait for a thread included. One address has at most {@value #PER_ADDRESS} refusals
 * under way (the one before may still be closing when a person tries again): its further connections
 * meanwhile are closed without a word, so a few addresses stalling their handshakes
 * cannot hold every thread, and an honest client on another address is answered within its own handshake's
 * time. When more wait than {@value #WAITING} the rest are closed without a word too, so a flood costs
 * bounded work. A plain-text client on the port is answered in plain text, as a session would.
 */
public final class TlsRefusals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsRefusals.class);
    static final int THREADS = 64;
    static final int WAITING = 64;
    static final long GIVE_UP_MILLIS = 2000;
    static final int PER_ADDRESS = 2;

    private final Supplier<SSLContext> tls;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<AddressKey, Integer> underWay = new ConcurrentHashMap<>();

    public TlsRefusals(Supplier<SSLContext> tls, ScheduledExecutorService timer) {
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

    /** Refuses {@code socket}, from {@code key}, with {@code error} and {@code BYE byeText}, soon, on a thread of this object. */
    public void refuse(Socket socket, AddressKey key, ServerEvent error, String byeText) {
        if (underWay.merge(key, 1, Integer::sum) > PER_ADDRESS) {
            done(key);
            close(socket); // this address has its refusals under way already
            return;
        }
        ScheduledFuture<?> giveUp;
        try {
            giveUp = timer.schedule(() -> close(socket), GIVE_UP_MILLIS, TimeUnit.MILLISECONDS); // from accept, not from its turn
        } catch (RejectedExecutionException e) {
            done(key);
            close(socket); // the server is shutting down
            return;
        }
        try {
            pool.execute(() -> answer(socket, key, giveUp, error, byeText));
        } catch (RejectedExecutionException e) {
            giveUp.cancel(false);
            done(key);
            close(socket); // too many at once, or shutting down: closed without a word
        }
    }

    private void answer(Socket socket, AddressKey key, ScheduledFuture<?> giveUp, ServerEvent error, String byeText) {
        try (socket) {
            SessionStreams streams = new SessionStreams(socket, tls.get());
            streams.open(); // TLS, or plain text for a client that does not speak it
            Refusal.write(streams.output(), error, byeText);
        } catch (IOException | RuntimeException e) {
            log.debug("Refusal not delivered: {}", e.getMessage());
        } finally {
            giveUp.cancel(false);
            done(key);
        }
    }

    private void done(AddressKey key) {
        underWay.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
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
