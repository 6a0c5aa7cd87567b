package chat.client.core;

import chat.client.transfer.Downloads;
import chat.client.transfer.FileTransfers;
import chat.client.transfer.TransferView;
import chat.common.net.HostPort;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One person's chat on one server, with no face: connects, logs in, sends lines paced to the server's
 * limits, keeps the member list, and reconnects when the connection is lost. Everything it hears goes to a
 * {@link ChatListener}; it never prints.
 *
 * <p>Use: {@link #connect()} (so that a wrong host or port is reported before anyone types a name), then
 * {@link #login} until it answers {@code WELCOME}, then {@link #send} and {@link #sendText} from one thread,
 * and {@link #quit} or {@link #close()}. After login one thread of its own ({@code chat-receiver}) reads the
 * server; when the connection is lost and reconnecting is on, that thread tries again with growing pauses
 * (1, 2, 4 ... 30 s) and logs in under the same name, until it succeeds or the session is closed. A person
 * an operator kicked or banned is not brought back: that session ends.
 */
public final class ChatSession implements AutoCloseable {
    /** The command words a person may type, for completion: the server's, then the client's own. */
    public static final List<String> COMMANDS = Stream.concat(CommandParser.COMMANDS.stream(),
            FileTransfers.OWN_COMMANDS.stream()).collect(Collectors.toUnmodifiableList());
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int LOGIN_TIMEOUT_MILLIS = 30_000;
    private static final long QUIT_WAIT_SECONDS = 5;
    private static final String LEFT = "you left";

    private final String host;
    private final int port;
    private final ChatListener listener;
    private final boolean reconnect;
    private final TlsTrust tls;
    private final Pacer pacer = new Pacer(System::nanoTime);
    private final Members members = new Members();
    private final Object sendLock = new Object(); // one line at a time, paced, in order
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile ServerConnection connection;
    private volatile String name;
    private volatile boolean quitting;
    private volatile boolean removed; // an operator kicked or banned this person: no coming back on its own
    private volatile ConnectionState state;
    private final Object stateLock = new Object(); // a change of state is checked and made in one step
    private Thread receiver;
    private volatile FileTransfers transfers = newTransfers(Downloads.defaultDir());
    private final LoginDialogue login;

    /** @param reconnect whether a lost connection is tried again (a person: yes; a script: as it likes) */
    public ChatSession(String host, int port, ChatListener listener, boolean reconnect) {
        this(host, port, listener, reconnect, null);
    }

    /** @param tls how to trust the server over TLS, or null for plain text */
    public ChatSession(String host, int port, ChatListener listener, boolean reconnect, TlsTrust tls) {
        this.host = host;
        this.port = port;
        this.listener = listener;
        this.reconnect = reconnect;
        this.tls = tls;
        this.login = new LoginDialogue(HostPort.format(host, port), listener, members, sendLock, this::read);
    }

    /** Where received files go (before login; by default {@link Downloads#defaultDir()}). */
    public void downloadTo(Path dir) {
        transfers = newTransfers(dir);
    }

    /** This session's file transfers. */
    public FileTransfers transfers() {
        return transfers;
    }

    private FileTransfers newTransfers(Path dir) {
        return new FileTransfers(dir, new FileTransfers.Link() {
            @Override
            public void send(String line) throws IOException, InterruptedException {
                sendPaced(line);
            }

            @Override
            public String me() {
                return name;
            }

            @Override
            public InetAddress serverAddress() {
                return connection.address();
            }

            @Override
            public String serverHost() {
                return host;
            }

            @Override
            public X509Certificate serverCertificate() {
                return connection.certificate();
            }
        }, new FileTransfers.Observer() {
            @Override
            public void changed(TransferView view) {
                listener.onTransfer(view);
            }

            @Override
            public void notice(String text) {
                listener.onEvent(new ServerEvent.Info(text));
            }
        });
    }

    /** How the connection is protected ("TLS 1.3, certificate ..."), or null for plain text. */
    public String security() {
        ServerConnection c = connection;
        return c == null ? null : c.security();
    }

    /**
     * Connects and reads the server's greeting.
     *
     * @throws IOException with a sentence for a person ("Cannot connect to host:port: connection refused")
     */
    public void connect() throws IOException {
        connection = open();
    }

    private ServerConnection open() throws IOException {
        ServerConnection c = ServerConnection.open(host, port, CONNECT_TIMEOUT_MILLIS, tls);
        String server = HostPort.format(host, port);
        try {
            c.setReadTimeout(LOGIN_TIMEOUT_MILLIS);
            ServerEvent hello;
            try {
                hello = read(c, false);
            } catch (IOException e) {
                throw new IOException("The connection to " + server + " was lost before it greeted: " + e.getMessage(), e);
            }
            if (hello instanceof ServerEvent.Error e && e.code() == ErrorCode.TLS_REQUIRED) {
                throw new IOException("The server at " + server + " speaks TLS only; connect with --tls");
            }
            if (hello instanceof ServerEvent.Error e && e.code() == ErrorCode.TRANSFER_PORT) {
                throw new IOException(server + " is a chat server's file transfer port; its chat port is probably "
                        + HostPort.format(host, port - 1));
            }
            if (hello instanceof ServerEvent.Error e) {
                throw new IOException("The server at " + server + " answered: " + e.text());
            }
            if (!(hello instanceof ServerEvent.Hello)) {
                throw new IOException("The server at " + server + " did not greet like a chat server");
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Offers {@code wanted} as this person's name.
     *
     * <p>Where the server asks for a password (a registered name, a private server), the listener is asked
     * for it ({@link ChatListener#askPassword}); the answer is kept in memory to log in again after a loss.
     *
     * @return the server's answer: {@code WELCOME} (then the session is chatting; the listener heard it
     *     first), an {@code ERROR} about the name or its password (offer a name again), or {@code BYE} (the
     *     server ended the connection; a ban says why in it)
     */
    public ServerEvent login(String wanted) throws IOException {
        ServerEvent answer = login.logIn(connection, wanted, true);
        if (answer instanceof ServerEvent.Welcome welcome) {
            name = welcome.name();
            connection.setReadTimeout(0);
            listener.onEvent(welcome); // before the receiver starts: what follows comes after it
            receiver = new Thread(this::receive, "chat-receiver");
            receiver.setDaemon(true);
            receiver.start();
            setState(ConnectionState.CHATTING, "logged in as " + name);
            askWhoIsOnline(connection);
        }
        return answer;
    }

    /**
     * Asks for {@code USERS} right after logging in: the server tells joins and leaves from then on, but not
     * who was there already, and the member list (and the person) should know.
     */
    private void askWhoIsOnline(ServerConnection c) {
        try {
            synchronized (sendLock) {
                pacer.acquire();
                c.send(CommandEncoder.encode(new ClientCommand.ListUsers()));
            }
        } catch (IOException e) {
            // the connection is gone already; the receiver finds out and says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The name logged in under, or null before login. */
    public String name() {
        return name;
    }

    public Members members() {
        return members;
    }

    public ConnectionState state() {
        return state;
    }

    /** Whether {@code line} is short enough for the server; a longer one is not sent. */
    public boolean fits(String line) {
        return pacer.fits(line);
    }

    /**
     * Sends a line as typed: a command, or text. A quit leaves ({@link #quit}). Waits as long as pacing needs.
     *
     * @throws IOException if there is no connection now (lost, or reconnecting): the line was not sent
     */
    public void send(String line) throws IOException, InterruptedException {
        TypedLine typed = TypedLine.parse(line); // the one reading of what was typed
        if (!(typed instanceof TypedLine.ForServer forServer)) {
            carryOut(typed);
            return;
        }
        ClientCommand command = forServer.command();
        if (command instanceof ClientCommand.Quit quit) {
            quit(quit.reason());
            return;
        }
        boolean alone = command instanceof ClientCommand.Malformed m
                && (m.usage().equals(CommandParser.REGISTER_USAGE) || m.usage().equals(CommandParser.PASSWORD_USAGE));
        boolean setsPassword = alone || command instanceof ClientCommand.Register
                || command instanceof ClientCommand.ChangePassword;
        if (setsPassword && !login.mayGoUnencrypted(connection, "your new password")) {
            throw new IOException("no password was sent unencrypted; connect with --tls for that");
        }
        if (alone) {
            line = withNewPassword(line.strip());
            if (line == null) {
                return;
            }
        }
        sendPaced(line);
        if (setsPassword) { // the server hashes it slowly on purpose: say it is coming
            listener.onEvent(new ServerEvent.Info(ClientText.hashing(name)));
        }
    }

    /** A file command the client carries out itself ({@link FileTransfers}). */
    private void carryOut(TypedLine typed) throws IOException, InterruptedException {
        FileTransfers files = transfers;
        if (typed instanceof TypedLine.SendFile send) {
            files.sendTyped(send.to(), send.path());
        } else if (typed instanceof TypedLine.Answer answer) {
            files.answer(answer.accept(), answer.id());
        } else if (typed instanceof TypedLine.Cancel cancel) {
            files.cancel(cancel.id());
        } else if (typed instanceof TypedLine.Misused misused) {
            files.usage(misused.usage());
        } else {
            files.list();
        }
    }

    /**
     * {@code /register} or {@code /password} typed alone: the new password is asked twice without echo, and
     * the line sent with it. Null if the person gave an empty one; the command alone if nobody answered (the
     * server then says how to use it).
     */
    private String withNewPassword(String command) throws IOException {
        String first = listener.askPassword("New password for " + name + " at " + HostPort.format(host, port) + ": ");
        if (first == null) {
            return command;
        }
        if (first.isEmpty()) {
            return null; // Enter alone: the person changed their mind
        }
        String again = listener.askPassword("The same again: ");
        if (!first.equals(again)) {
            throw new IOException("the two passwords differ; nothing was changed");
        }
        login.remember(name, first); // for logging in again after a loss
        return command + " " + first;
    }

    /**
     * Sends every line as text, never as a command (a pasted {@code quit} or {@code /msg} is said, not done),
     * paced so that none is refused. {@code cancelled} is checked before each line.
     *
     * @return how many lines were sent
     */
    public int sendText(List<String> lines, AtomicBoolean cancelled) throws IOException, InterruptedException {
        int sent = 0;
        for (String line : lines) {
            if (cancelled.get()) {
                break;
            }
            sendPaced(CommandEncoder.encode(new ClientCommand.Say(line)));
            sent++;
        }
        return sent;
    }

    private void sendPaced(String line) throws IOException, InterruptedException {
        synchronized (sendLock) {
            ServerConnection c = connection;
            if (c == null || state != ConnectionState.CHATTING) {
                throw new IOException("not connected");
            }
            pacer.acquire();
            c.send(line);
        }
    }

    /**
     * Leaves: says {@code /quit}, waits for the server's goodbye (a few seconds at most), closes. While the
     * connection is lost there is nobody to say goodbye to: it closes at once.
     */
    public void quit(String reason) throws InterruptedException {
        quitting = true;
        ServerConnection c = connection;
        if (c != null && state != ConnectionState.RECONNECTING) {
            try {
                synchronized (sendLock) {
                    c.send(CommandEncoder.encode(new ClientCommand.Quit(reason)));
                }
                if (receiver != null) {
                    ended.await(QUIT_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                // gone already: nothing left to say goodbye to
            }
        }
        close();
    }

    /** Waits until the session is over (closed, or lost with no reconnecting); true if it is. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Whether the person chose to leave, as opposed to the connection ending on its own. */
    public boolean left() {
        return quitting;
    }

    /** Whether an operator kicked or banned this person (the goodbye said so); the session ended then. */
    public boolean removed() {
        return removed;
    }

    /**
     * Ends the session. While it waits to reconnect, it ends at once: the person is not kept waiting for an
     * attempt under way (up to the connect and login timeouts), which finds the session closed and gives up.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        ServerConnection c = connection;
        if (c != null) {
            c.close();
        }
        if (receiver == null) {
            ended.countDown();
        } else if (state == ConnectionState.RECONNECTING) {
            setState(ConnectionState.CLOSED, LEFT);
            ended.countDown();
        }
    }

    /** The receiving thread: events to the listener until the end; reconnects when the connection is lost. */
    private void receive() {
        try {
            while (true) {
                String why = readUntilLost(connection);
                transfers.connectionLost();
                if (quitting || closed.get() || !reconnect || removed) {
                    setState(ConnectionState.CLOSED, quitting ? LEFT : why);
                    return;
                }
                String gaveUp = reconnectWithBackoff(why);
                if (gaveUp != null) {
                    setState(ConnectionState.CLOSED, gaveUp);
                    return;
                }
            }
        } finally {
            ServerConnection c = connection;
            if (c != null) {
                c.close();
            }
            ended.countDown();
        }
    }

    /**
     * Reads and hands on events until the connection ends; returns why it ended, for a person. No line may end
     * the receiving itself: a failure while handling one ends the connection like any loss, in one sentence.
     */
    private String readUntilLost(ServerConnection c) {
        try {
            while (true) {
                String line = c.readLine();
                if (line == null) {
                    return "the server closed the connection";
                }
                ServerEvent event = decode(line);
                if (event == null) {
                    continue;
                }
                if (event instanceof ServerEvent.Bye bye) {
                    removed = bye.removedByOperator();
                    listener.onEvent(bye);
                    return bye.text();
                }
                if (transfers.onEvent(event)) {
                    continue;
                }
                members.apply(event);
                listener.onEvent(event);
            }
        } catch (IOException e) {
            return e.getMessage() + " (" + HostPort.format(host, port) + ")"; // "Connection reset (host:port)"
        } catch (RuntimeException e) {
            c.close(); // what came after the line that failed cannot be trusted to make sense
            return "a line from the server could not be handled (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Tries to connect and log in again until it works (null) or there is no point: the session was closed, or
     * the server's certificate is refused (it would be refused every time). Returns why it gave up.
     */
    private String reconnectWithBackoff(String why) {
        members.clear();
        Backoff backoff = new Backoff();
        String reason = why;
        while (!closed.get()) {
            Duration wait = backoff.next();
            setState(ConnectionState.RECONNECTING, reason + "; trying again in " + wait.toSeconds() + " s");
            if (sleep(wait)) {
                return LEFT;
            }
            ServerConnection c = null;
            try {
                c = open();
                ServerEvent answer = login.logIn(c, name, false);
                if (answer instanceof ServerEvent.Welcome) {
                    c.setReadTimeout(0);
                    connection = c;
                    if (closed.get()) { // closed meanwhile: close() either saw this connection or is seen here
                        c.close();
                        return LEFT;
                    }
                    synchronized (sendLock) {
                        pacer.restart();
                    }
                    setState(ConnectionState.CHATTING, "as " + name);
                    askWhoIsOnline(c);
                    return null;
                }
                c.close();
                reason = "the server said: " + text(answer);
            } catch (TlsTrust.Untrusted e) {
                return e.getMessage();
            } catch (IOException e) {
                if (c != null) {
                    c.close();
                }
                reason = e.getMessage();
            }
        }
        return LEFT;
    }

    /** Sleeps, waking early if the session is closed; true if it was. */
    private boolean sleep(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!closed.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // not synchronisation: a pause between attempts, cut short by close() within 100 ms
                Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private ServerEvent read(ServerConnection c, boolean tell) throws IOException {
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return new ServerEvent.Bye("the server closed the connection");
            }
            ServerEvent event = tell ? decode(line) : decodeQuietly(line);
            if (event != null) {
                return event;
            }
        }
    }

    /** The event on {@code line}, or null: unreadable lines go to the listener, LIMITS to the pacer. */
    private ServerEvent decode(String line) {
        ServerEvent event = decodeQuietly(line);
        if (event == null && !line.startsWith("LIMITS ")) {
            listener.onUnreadable(line);
        }
        return event;
    }

    private ServerEvent decodeQuietly(String line) {
        try {
            ServerEvent event = EventCodec.decode(line);
            if (event instanceof ServerEvent.Limits limits) {
                pacer.update(limits);
                return null;
            }
            return event;
        } catch (ProtocolException e) {
            return null;
        }
    }

    /** Tells the listener of a new state; nothing changes after CLOSED (which {@link #close} may set first). */
    private void setState(ConnectionState newState, String detail) {
        synchronized (stateLock) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            state = newState;
        }
        listener.onStateChanged(newState, detail);
    }

    private static String text(ServerEvent event) {
        if (event instanceof ServerEvent.Error e) {
            return e.text();
        } else if (event instanceof ServerEvent.Bye e) {
            return e.text();
        }
        return EventCodec.encode(event);
    }
}
