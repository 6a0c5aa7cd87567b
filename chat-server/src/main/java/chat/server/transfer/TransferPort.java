package chat.server.transfer;

import chat.common.protocol.DataHandshake;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.server.config.ThreadMaker;
import chat.server.tls.TlsAccept;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port data connections come to: each sends {@code FILE TOKEN} (in TLS or plain text, told apart by its
 * first byte), is answered {@code OK} or an {@code ERROR}, and is then handed to {@link Transfers}.
 *
 * <p>Connections that have not given their token are few and short-lived: at most {@value #MAX_WAITING} at
 * once, {@value #MAX_WAITING_PER_ADDRESS} per address, each with {@value #TOKEN_MILLIS} ms from its accept to
 * give it, its TLS handshake included: one deadline in all, not per read, so a connection that trickles a
 * byte at a time cannot hold its slot longer ({@link #closeOverdue}, called by the server's watchdog).
 */
public final class TransferPort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferPort.class);
    static final int MAX_WAITING = 256;
    static final int MAX_WAITING_PER_ADDRESS = 8;
    static final int TOKEN_MILLIS = 10_000;
    /**
     * A data connection speaks first, at once; one silent this long waits to be greeted, as a chat client (or
     * nc) that came to the wrong port does, and is told so rather than left to time out. Long enough for a
     * lost first packet to be sent again (TCP's first retransmission comes after 1 s).
     */
    static final int SILENCE_MILLIS = 3_000;
    private static final int MAX_TOKEN_LINE_BYTES = 128;
    private static final byte[] OK = (DataHandshake.OK + "\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listening;
    private final Transfers transfers;
    private final Supplier<SSLContext> tls; // or null
    private final ThreadMaker threads;
    private final Thread acceptor;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    private final ConcurrentMap<InetAddress, AtomicInteger> waitingByAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<Socket, Long> unclaimed = new ConcurrentHashMap<>(); // to when it was accepted (nanoTime)
    private final AtomicLong nextId = new AtomicLong(1);

    /** Starts accepting on {@code listening}; {@code tls}: the TLS contexts of the chat port, or null. */
    public TransferPort(ServerSocket listening, Transfers transfers, Supplier<SSLContext> tls, ThreadMaker threads) {
        this.listening = listening;
        this.transfers = transfers;
        this.tls = tls;
        this.threads = threads;
        this.acceptor = new Thread(this::acceptLoop, "chat-accept-transfer");
        transfers.port(listening.getLocalPort());
        acceptor.start();
    }

    public int port() {
        return listening.getLocalPort();
    }

    private void acceptLoop() {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    log.warn("Accepting a data connection failed: {}", e.getMessage());
                }
                continue;
            }
            InetAddress address = socket.getInetAddress();
            AtomicInteger fromThere = waitingByAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (fromThere.incrementAndGet() > MAX_WAITING_PER_ADDRESS || !waiting.tryAcquire()) {
                release(address, false);
                close(socket);
                continue;
            }
            unclaimed.put(socket, System.nanoTime());
            try {
                threads.make("transfer-connection-" + nextId.getAndIncrement(), () -> serve(socket)).start();
            } catch (RuntimeException | Error e) {
                unclaimed.remove(socket);
                release(address, true);
                close(socket);
            }
        }
    }

    /** Takes the token line, answers it, and hands a claimed connection over. */
    private void serve(Socket socket) {
        InetAddress address = socket.getInetAddress();
        boolean handed = false;
        try {
            InputStream in = socket.getInputStream();
            int first = firstByte(socket, socket, in);
            Socket link = socket;
            boolean encrypted = first == TlsAccept.HANDSHAKE_BYTE;
            if (encrypted) {
                if (tls == null) {
                    return; // TLS to a server without: nothing to say that the client could read
                }
                SSLSocket ssl = TlsAccept.handshake(tls.get(), socket, first);
                link = ssl;
                in = ssl.getInputStream();
                first = firstByte(socket, ssl, in);
            }
            if (first == SILENT) {
                return;
            }
            OutputStream out = link.getOutputStream();
            String line = tokenLine(first, in);
            String token = DataHandshake.token(line);
            if (token == null) {
                answer(out, ErrorCode.BAD_TOKEN.event());
                return;
            }
            Transfers.Claim claim = transfers.claim(token, address, encrypted);
            if (claim.error() != null) {
                answer(out, claim.error());
                return;
            }
            out.write(OK);
            out.flush();
            socket.setSoTimeout(0); // from here a stall is the watchdog's to judge (the idle timeout)
            unclaimed.remove(socket);
            transfers.linked(claim, new DataLink(link, in, out));
            handed = true;
        } catch (IOException e) {
            log.debug("Data connection from {} ended before its token: {}", address.getHostAddress(), e.getMessage());
        } finally {
            unclaimed.remove(socket);
            release(address, true);
            if (!handed) {
                close(socket);
            }
        }
    }

    private static final int SILENT = -2;

    /**
     * The first byte on {@code link}, or {@link #SILENT} if none came within {@value #SILENCE_MILLIS} ms: then the
     * peer was told that this is the transfer port ({@code ERROR TRANSFER_PORT}).
     */
    private static int firstByte(Socket socket, Socket link, InputStream in) throws IOException {
        socket.setSoTimeout(SILENCE_MILLIS);
        try {
            return in.read();
        } catch (SocketTimeoutException silent) {
            answer(link.getOutputStream(), ErrorCode.TRANSFER_PORT.event());
            return SILENT;
        } finally {
            socket.setSoTimeout(TOKEN_MILLIS); // the deadline in all is the watchdog's (closeOverdue)
        }
    }

    /** The first line, read a byte at a time so that nothing after it is consumed; null if over the limit or cut off. */
    private static String tokenLine(int first, InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = first; b != '\n'; b = in.read()) {
            if (b < 0 || line.size() >= MAX_TOKEN_LINE_BYTES) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void answer(OutputStream out, ServerEvent.Error error) throws IOException {
        out.write(EventCodec.encodeLine(error));
        out.flush();
    }

    private void release(InetAddress address, boolean heldWaiting) {
        if (heldWaiting) {
            waiting.release();
        }
        waitingByAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    /** Closes the connections that have not given their token within {@value #TOKEN_MILLIS} ms of their accept. */
    public void closeOverdue(long now) {
        long limit = TimeUnit.MILLISECONDS.toNanos(TOKEN_MILLIS);
        unclaimed.forEach((socket, acceptedAt) -> {
            if (now - acceptedAt > limit && unclaimed.remove(socket, acceptedAt)) {
                log.debug("Data connection from {} gave no token in time", socket.getInetAddress().getHostAddress());
                close(socket);
            }
        });
    }

    /** Stops accepting and closes the connections still giving their tokens; running transfers are {@link Transfers}'s. */
    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
        unclaimed.keySet().forEach(TransferPort::close);
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
