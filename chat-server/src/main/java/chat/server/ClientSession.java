package chat.server;

import chat.common.io.BoundedLineReader;
import chat.common.io.LineTooLongException;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.Protocol;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.common.text.TextSanitizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One connection, from accept to close: its reader thread logs in, serves commands, then always cleans up;
 * its writer thread drains the {@link Outbox}.
 *
 * <p>The socket is closed in one place, {@link #closeSocket()}, called when the writer stops and again, as a
 * safety net, when the reader ends; whichever thread ends first, the other one then stops too.
 */
final class ClientSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final Pattern HTTP_REQUEST = Pattern.compile("^[A-Z]+ \\S+ HTTP/\\d(\\.\\d)?$");
    private static final long WRITER_DRAIN_MILLIS = 2000;
    private static final double FLOOD_WINDOW_SECONDS = 10;

    private static final int LOGGING_IN = 0;
    private static final int JOINING = 1;
    private static final int JOINED = 2;
    private static final int TIMED_OUT = 3;

    private final long id;
    private final Socket socket;
    private final ChatServer server;
    private final ServerConfig config;
    private final Roster roster;
    private final String address;
    private final Outbox outbox;
    private final AtomicInteger state = new AtomicInteger(LOGGING_IN);
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final Thread reader;
    private final Thread writer;
    private final RateLimiter rate; // null when flood control is off
    private final RateLimiter floodBudget; // refusals a flooder may collect before it is disconnected
    private volatile ScheduledFuture<?> loginTimer;
    private Roster.Member member; // reader thread only
    private CommandHandler handler; // reader thread only; set at login
    private String endReason = "connection closed"; // reader thread only

    ClientSession(long id, Socket socket, ChatServer server) throws IOException {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.config = server.config();
        this.roster = server.roster();
        this.address = socket.getInetAddress().getHostAddress();
        this.outbox = new Outbox(
                socket.getOutputStream(),
                config.sendQueueLines(),
                config.sendQueueBytes(),
                bye(ServerText.BYE_TOO_SLOW),
                this::closeSocketAfterGrace,
                this::closeSocket);
        this.rate = config.rateLimited() ? new RateLimiter(config.rateLimit(), config.rateBurst(), System::nanoTime) : null;
        this.floodBudget = new RateLimiter(config.floodDisconnect() / FLOOD_WINDOW_SECONDS, config.floodDisconnect(), System::nanoTime);
        this.reader = server.threads().newThread("session-" + id + "-reader", this::run);
        this.writer = server.threads().newThread("session-" + id + "-writer", this::drainOutbox);
    }

    long id() {
        return id;
    }

    InetAddress inetAddress() {
        return socket.getInetAddress();
    }

    void start() {
        loginTimer = server.timer().schedule(this::loginExpired, config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        writer.start();
        reader.start();
    }

    /** Ends the session from outside (shutdown): says goodbye with {@code reason} and closes. */
    void disconnect(String reason) {
        closeReason.compareAndSet(null, reason);
        outbox.finish(bye(reason));
    }

    /** Waits for both threads to end; true if they did within the timeout. */
    boolean awaitEnded(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        reader.join(Math.max(1, millis));
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return outbox.awaitDone(Math.max(0, left), TimeUnit.MILLISECONDS) && !reader.isAlive();
    }

    /** A peer that does not read would keep the writer blocked forever: bound the goodbye by the grace. */
    private void closeSocketAfterGrace() {
        try {
            server.timer().schedule(this::closeSocket, config.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closeSocket(); // the server has stopped: no grace left to give
        }
    }

    /** Frees threads blocked in socket I/O; the only place the socket is closed. */
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing socket failed: {}", e.getMessage());
        }
    }

    /**
     * Called by the server's watchdog: a write blocked for longer than the write timeout means the peer
     * stopped taking data (gone, or stuck); only closing the socket frees the writer.
     */
    void checkWriteTimeout(long now) {
        if (outbox.writeBlockedNanos(now) > config.writeTimeout().toNanos()) {
            closeReason.compareAndSet(null, ServerText.BYE_WRITE_TIMEOUT);
            log.info("Write blocked for over {} s; closing", config.writeTimeout().toSeconds());
            closeSocket();
        }
    }

    private void drainOutbox() {
        MDC.put("conn", "#" + id);
        outbox.drain();
    }

    private void loginExpired() {
        if (state.compareAndSet(LOGGING_IN, TIMED_OUT)) {
            disconnect(ServerText.BYE_LOGIN_TIMEOUT);
        }
    }

    private void run() {
        MDC.put("conn", "#" + id);
        try {
            BoundedLineReader lines = new BoundedLineReader(socket.getInputStream(), config.maxLineBytes());
            if (login(lines)) {
                serve(lines);
            }
        } catch (IOException e) {
            endReason = describe(e);
        } catch (RuntimeException e) {
            log.error("Unexpected failure in session", e);
            endReason = "server error";
        } finally {
            cleanup();
        }
    }

    /** Reads lines until a free, valid name is claimed; false if the connection is to end instead. */
    private boolean login(BoundedLineReader lines) throws IOException {
        send(new ServerEvent.Hello(Protocol.VERSION, ServerText.HELLO));
        boolean first = true;
        while (true) {
            String line = nextLine(lines);
            if (line == null) {
                return false;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (first && HTTP_REQUEST.matcher(line).matches()) {
                send(ErrorCode.NOT_CHAT.event());
                endReason = ServerText.BYE_NOT_CHAT;
                return false;
            }
            first = false;
            if (CommandParser.parse(line) instanceof ClientCommand.Quit) {
                endReason = "quit";
                return false;
            }
            Username name = Username.parse(line).orElse(null);
            if (name == null) {
                send(ErrorCode.NAME_INVALID.event());
            } else if (tryJoin(name)) {
                return true;
            } else if (state.get() == TIMED_OUT) {
                return false;
            } else {
                send(ErrorCode.NAME_TAKEN.event(name));
            }
        }
    }

    private boolean tryJoin(Username name) {
        if (!state.compareAndSet(LOGGING_IN, JOINING)) {
            return false; // the login timer fired
        }
        Roster.Member candidate = new Roster.Member(name, outbox);
        boolean joined = roster.tryJoin(
                candidate,
                new ServerEvent.Welcome(name.value(), ServerText.welcome(name.value())),
                new ServerEvent.Join(name.value(), address));
        if (!joined) {
            state.set(LOGGING_IN);
            if (loginTimer.isDone()) {
                loginExpired(); // it fired while we held JOINING and could not act
            }
            return false;
        }
        state.set(JOINED);
        loginTimer.cancel(false);
        member = candidate;
        log.info("{} logged in from {} ({} online)", name, address, roster.size());
        return true;
    }

    /** Serves commands until the member quits or the connection ends. */
    private void serve(BoundedLineReader lines) throws IOException {
        handler = new CommandHandler(roster, member);
        while (true) {
            String line = nextLine(lines);
            if (line == null) {
                return;
            }
            String quitReason = handler.handle(CommandParser.parse(line));
            if (quitReason != null) {
                endReason = quitReason;
                return;
            }
        }
    }

    /**
     * The next line, sanitised. A too-long line, or one over the rate limit, is answered with an error and
     * skipped; a client that keeps flooding is disconnected. Null at the end.
     */
    private String nextLine(BoundedLineReader lines) throws IOException {
        while (true) {
            if (handler != null && !lines.hasBufferedLine()) {
                // Messages of one burst were broadcast without waking the writers; wake them once now,
                // before the read could block: under load each writer gets a batch, not a wake-up per line.
                handler.flush();
            }
            String line;
            try {
                line = lines.readLine();
            } catch (LineTooLongException e) {
                send(ErrorCode.LINE_TOO_LONG.event(config.maxLineBytes()));
                continue;
            }
            if (line == null || rate == null || line.isBlank() || rate.tryAcquire()) {
                return line == null ? null : TextSanitizer.clean(line);
            }
            send(ErrorCode.RATE_LIMITED.event());
            if (!floodBudget.tryAcquire()) {
                log.info("Flooding from {}; disconnecting", address);
                disconnect(ServerText.BYE_FLOODING);
                return null;
            }
        }
    }

    /** Always runs last on the reader thread: leave the roster, say goodbye, close, unregister. */
    private void cleanup() {
        if (handler != null) {
            handler.flush(); // nothing this session queued may wait for a wake-up that would never come
        }
        String reason = closeReason.get() != null
                ? closeReason.get()
                : outbox.overflowed() ? ServerText.BYE_TOO_SLOW : endReason;
        if (member != null) {
            roster.leave(member, new ServerEvent.Leave(member.name().value(), reason));
            log.info("{} left ({}), {} online", member.name(), reason, roster.size());
        } else {
            log.info("Connection from {} ended before login ({})", address, reason);
        }
        loginTimer.cancel(false);
        outbox.finish(bye(reason.startsWith("quit") ? ServerText.BYE_QUIT : reason)); // no-op if already finishing
        try {
            outbox.awaitDone(WRITER_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
        server.sessionEnded(this);
    }

    private void send(ServerEvent event) {
        outbox.offer(EventCodec.encodeLine(event));
    }

    private static byte[] bye(String text) {
        return EventCodec.encodeLine(new ServerEvent.Bye(text));
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("reset")) {
            return "connection reset";
        }
        return "connection lost";
    }
}
