package chat.server.session;

import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.Protocol;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.admission.AddressKey;
import chat.server.admission.RateLimiter;
import chat.server.command.CommandHandler;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.moderation.Ban;
import chat.server.roster.Outbox;
import chat.server.roster.Roster;
import chat.server.store.StoreException;
import chat.server.tls.SessionStreams;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One connection, from accept to close: its reader thread logs in, serves commands, then always cleans up;
 * its writer thread, or the pool of writers, drains the {@link Outbox}. Lines come from a {@link LineIntake}, which paces them.
 *
 * <p>The socket, and every way it is closed, belongs to a {@link SessionSocket}: the writer closes it when it
 * stops, the reader when it ends; whichever thread ends first, the other one then stops too.
 */
public final class ClientSession {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final long WRITER_DRAIN_MILLIS = 2000;
    /** A connection may keep trying names for at most this many login timeouts in all. */
    private static final int LOGIN_ATTEMPTS_WINDOW = 3;
    /** Before login, asks for the server's counts (docs/PROTOCOL.md, "Status"). */

    private final long id;
    private final SessionSocket socket;
    private final SessionStreams streams;
    private final AddressKey addressKey;
    private final RateLimiter lineAllowance; // this connection's own; null: flood control off
    private final String address;
    private final SessionContext context;
    private final Outbox outbox;
    private final LineIntake intake;
    private final AtomicReference<LoginState> state = new AtomicReference<>(LoginState.LOGGING_IN);
    private final SessionEnd end = new SessionEnd();
    private final Thread reader;
    private final Thread writer; // null: the pool of writers writes this connection
    private final Dialect dialect;
    private final long connectedAt = System.nanoTime();
    private volatile long lastAttemptAt = connectedAt; // the last name tried, for the login timeout
    private Roster.Member member; // reader thread only
    private CommandHandler handler; // reader thread only; set at login
    private Joining joining; // reader thread only; set when the streams are open
    private boolean encrypted; // reader thread only; set when the streams are open

    /**
     * @param tls the TLS context to serve this connection with, or null for plain text
     * @param dialect what the connection speaks; this session's own
     */
    public ClientSession(long id, Socket socket, AddressKey addressKey, SessionContext context, SSLContext tls,
            Dialect dialect) throws IOException {
        ServerConfig config = context.config();
        this.id = id;
        this.socket = new SessionSocket(socket, context.timer(), config.closeGrace());
        this.addressKey = addressKey;
        this.address = socket.getInetAddress().getHostAddress();
        this.context = context;
        this.streams = new SessionStreams(socket, tls);
        this.dialect = dialect;
        this.outbox = new Outbox(
                dialect.output(streams.output()),
                dialect.outputGathers(),
                context.writers(),
                context.writerGate(),
                "#" + id,
                config.sendQueueLines(),
                config.sendQueueBytes(),
                bye(ServerText.BYE_TOO_SLOW),
                this.socket::closeAfterGrace,
                this.socket::writerDone);
        this.lineAllowance = context.admission().lineAllowance(addressKey);
        this.intake = new LineIntake(
                this.socket,
                dialect.input(streams.input(), outbox::offer),
                config.maxLineBytes(),
                lineAllowance,
                config.rateBacklog(),
                config.floodDisconnect(),
                this::send,
                this::flushBroadcasts);
        this.reader = context.threads().newThread("session-" + id + "-reader", this::run);
        this.writer = context.writers() != null ? null
                : context.threads().newThread("session-" + id + "-writer", this::drainOutbox);
    }

    public long id() {
        return id;
    }

    public AddressKey addressKey() {
        return addressKey;
    }

    /** This connection's line allowance, whose debt its address keeps when it ends; null: flood control off. */
    public RateLimiter lineAllowance() {
        return lineAllowance;
    }

    /** Whether this connection has logged in (it no longer counts as pending). */
    public boolean loggedIn() {
        return state.get() == LoginState.JOINED;
    }

    /**
     * Starts the writer (if it has a thread of its own), then the reader.
     *
     * @return false if the reader could not be started (say, the system allows no more threads): then the
     *     writer says {@code ERROR SERVER_BUSY} and closes; on a TLS port it closes without a word, as only the
     *     reader does the handshake
     * @throws RuntimeException or Error if the writer could not be started: nothing of the session runs, and
     *     the caller answers the connection
     */
    public boolean start() {
        if (writer != null) {
            writer.start();
        }
        try {
            reader.start();
        } catch (RuntimeException | Error e) {
            send(ErrorCode.SERVER_BUSY.event());
            outbox.finish(bye(ServerText.BYE_BUSY)); // the writer says it, then closes
            return false;
        }
        return true;
    }

    /** Ends the session from outside (shutdown, login timeout): says goodbye with {@code reason} and closes. */
    public void disconnect(String reason) {
        end.endedFromOutside(reason, false);
        outbox.finish(bye(reason));
    }

    /** Waits for both threads to end; true if they did within the timeout. */
    public boolean awaitEnded(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        reader.join(Math.max(1, millis));
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return outbox.awaitDone(Math.max(0, left), TimeUnit.MILLISECONDS) && !reader.isAlive();
    }

    /** Frees threads blocked in socket I/O or pacing: closes the socket now. */
    public void closeSocket() {
        socket.close();
    }

    /**
     * Called by the server's watchdog: a write blocked for longer than the write timeout means the peer
     * stopped taking data (gone, or stuck); only closing the socket frees the writer.
     */
    public void checkWriteTimeout(long now) {
        if (outbox.writeBlockedNanos(now) > context.config().writeTimeout().toNanos()) {
            end.endedFromOutside(ServerText.BYE_WRITE_TIMEOUT, false);
            log.info("Write blocked for over {} s; closing", context.config().writeTimeout().toSeconds());
            closeSocket();
        }
    }

    /**
     * Called by the server's watchdog: a connection that has not logged in gets {@code timeoutNanos} from its
     * last name attempt (from connecting, before the first), and a few timeouts in all.
     */
    public void checkLogin(long now, long timeoutNanos) {
        if (state.get() == LoginState.LOGGING_IN
                && (now - lastAttemptAt > timeoutNanos || now - connectedAt > LOGIN_ATTEMPTS_WINDOW * timeoutNanos)
                && state.compareAndSet(LoginState.LOGGING_IN, LoginState.TIMED_OUT)) {
            disconnect(ServerText.BYE_LOGIN_TIMEOUT);
        }
    }

    private void drainOutbox() {
        MDC.put("conn", "#" + id);
        outbox.drain();
    }

    private void run() {
        MDC.put("conn", "#" + id);
        try {
            if (login()) {
                serve();
            }
        } catch (IOException e) {
            end.failed(e);
        } catch (RuntimeException e) {
            log.error("Unexpected failure in session", e);
            end.found("server error");
        } finally {
            cleanup();
        }
    }

    /** Opens the streams, greets, and talks until a free, valid name is claimed; false if the connection is to end instead. */
    private boolean login() throws IOException {
        SessionStreams.Opened opened = streams.open();
        if (opened == SessionStreams.Opened.NOT_TLS) {
            send(ErrorCode.TLS_REQUIRED.event());
            end.found(ServerText.BYE_TLS_REQUIRED);
            return false;
        }
        encrypted = opened == SessionStreams.Opened.TLS;
        joining = new Joining(context, outbox, socket.socket().getInetAddress(), addressKey, encrypted, this::send,
                this::removeByModerator);
        Ban ban = context.registry().bans().onAddress(socket.socket().getInetAddress());
        if (ban != null) {
            send(ErrorCode.BANNED.event("you are", ban.terms()));
            log.info("Banned address {} refused", address);
            end.found(ServerText.BYE_BANNED);
            return false;
        }
        send(new ServerEvent.Hello(Protocol.VERSION, ServerText.HELLO));
        ServerConfig config = context.config();
        send(new ServerEvent.Limits(config.rateLimit(), config.rateBurst(), config.rateLimited() ? config.rateBacklog() : 0,
                config.maxLineBytes()));
        Login.Outcome outcome = new Login(context, new Login.Peer() {
            @Override
            public String nextLine() throws IOException {
                return ClientSession.this.nextLine();
            }

            @Override
            public void send(ServerEvent event) {
                dialect.loginEvent(event);
                ClientSession.this.send(event);
            }

            @Override
            public void attempted() {
                lastAttemptAt = System.nanoTime();
            }

            @Override
            public Boolean check(BooleanSupplier check) {
                return ClientSession.this.check(check);
            }

            @Override
            public Login.Joined tryJoin(Username name, boolean identified) {
                return ClientSession.this.tryJoin(name, identified);
            }
        }, address, addressKey, encrypted).run();
        if (outcome.endReason() != null) {
            end.found(outcome.endReason());
        }
        if (outcome.name() != null) {
            dialect.loggedIn(outcome.name().value());
        }
        return outcome.name() != null;
    }

    private Boolean check(BooleanSupplier check) {
        if (!state.compareAndSet(LoginState.LOGGING_IN, LoginState.CHECKING)) {
            return null;
        }
        try {
            return check.getAsBoolean();
        } finally {
            lastAttemptAt = System.nanoTime(); // the person's time starts again once the server has answered
            state.set(LoginState.LOGGING_IN);
        }
    }

    private Login.Joined tryJoin(Username name, boolean identified) {
        if (!state.compareAndSet(LoginState.LOGGING_IN, LoginState.JOINING)) {
            return Login.Joined.TIMED_OUT;
        }
        try {
            member = joining.join(name, identified);
        } catch (Roster.LinkDown e) {
            state.set(LoginState.LOGGING_IN);
            send(e.error());
            return Login.Joined.REFUSED;
        }
        state.set(member == null ? LoginState.LOGGING_IN : LoginState.JOINED);
        return member == null ? Login.Joined.TAKEN : Login.Joined.JOINED;
    }

    /** Ends the session on a moderator's word: {@code reason} goes to everyone, in any room. */
    private void removeByModerator(String reason) {
        end.endedFromOutside(reason, true);
        outbox.finish(bye(reason));
    }

    /** Serves commands until the member quits or the connection ends. */
    private void serve() throws IOException {
        handler = new CommandHandler(context.commands(), member, encrypted, context.admission().accountChanges(addressKey));
        while (true) {
            String line = nextLine();
            if (line == null) {
                return;
            }
            String quitReason = handler.handle(CommandParser.parse(line));
            if (quitReason != null) {
                end.found(quitReason);
                return;
            }
        }
    }

    /** The next line to act on; null at the end, or after a flooder was disconnected. */
    private String nextLine() throws IOException {
        String line = intake.next();
        if (line == null && intake.flooding()) {
            log.info("Flooding from {}; disconnecting", address);
            socket.readerWillClose();
            disconnect(ServerText.BYE_FLOODING);
        }
        return line;
    }

    /** Before the reader may wait: wake the writers of this burst's broadcasts once (docs/DESIGN.md). */
    private void flushBroadcasts() {
        if (handler != null) {
            handler.flush();
        }
    }

    /** Always runs last on the reader thread: leave the roster, say goodbye, close, unregister. */
    private void cleanup() {
        socket.readerWillClose();
        flushBroadcasts(); // nothing this session queued may wait for a wake-up that would never come
        String reason = end.reason(outbox.overflowed());
        boolean moderated = end.moderated();
        dialect.ended(); // before the name is free: whoever takes it next is not described as this connection
        if (member != null) {
            context.transfers().left(member.party());
            context.roster().leave(member, new ServerEvent.Leave(member.name().value(), reason), moderated);
            // a quit reason is the member's own text: never at INFO (docs/OPERATIONS.md, "Logging")
            log.info("{} left ({}), {} online", member.name(), reason.startsWith("quit") ? "quit" : reason, context.roster().size());
            log.debug("{} left with reason: {}", member.name(), reason);
        } else {
            log.debug("Connection from {} ended before login ({})", address, reason);
        }
        outbox.finish(bye(reason.startsWith("quit") ? ServerText.BYE_QUIT : reason)); // no-op if already finishing
        try {
            outbox.awaitDone(WRITER_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.lingerThenClose();
        if (member != null) {
            noteSeen(member);
        }
        context.onEnded().accept(this);
    }

    /** A registered member leaves: when, for what it misses until its next login (last: it may wait for the store). */
    private void noteSeen(Roster.Member member) {
        if (member.standing().registered() && context.store() != null) {
            try {
                context.store().seen(member.name().key(), System.currentTimeMillis());
            } catch (StoreException e) {
                log.warn("When {} left could not be kept: {}", member.name(), e.getMessage());
            }
        }
    }

    private void send(ServerEvent event) {
        outbox.offer(EventCodec.encodeLine(event));
    }

    private static byte[] bye(String text) {
        return EventCodec.encodeLine(new ServerEvent.Bye(text));
    }
}
