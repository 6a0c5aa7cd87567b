package chat.client.core;

import chat.common.net.HostPort;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection to one server over a session's life: connects and logs in, sends lines paced to the
 * server's limits, reads the server on a thread of its own ({@code chat-receiver}) and, when the connection
 * is lost and reconnecting is on, connects and logs in again under the same name with growing pauses (1, 2,
 * 4 ... 30 s) until it works or the session ends. A person an operator kicked or banned is not brought back.
 *
 * <p>It owns the connection and the session's state; {@link ChatSession} decides what a typed line means.
 */
final class ServerLink {
    /** What the session takes from the server before the listener hears it: the file transfers' lines. */
    interface Tap {
        /** Whether {@code event} was taken (then the listener does not hear it). */
        boolean take(ServerEvent event);

        /** The connection was lost (said before any reconnecting). */
        void lost();
    }

    private static final long QUIT_WAIT_SECONDS = 5;
    private static final String LEFT = "you left";

    private final String host;
    private final int port;
    private final TlsTrust tls;
    private final boolean reconnect;
    private final ChatListener listener;
    private final Tap tap;
    private final Pacer pacer = new Pacer(System::nanoTime);
    private final Members members = new Members();
    private final EventReader reader;
    private final LoginDialogue login;
    private final Object sendLock = new Object(); // one line at a time, paced, in order
    private final Object stateLock = new Object(); // a change of state is checked and made in one step
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile ServerConnection connection;
    private volatile ConnectionState state;
    private volatile String name;
    private volatile boolean quitting;
    private volatile boolean removed; // an operator kicked or banned this person: no coming back on its own
    private Thread receiver;

    ServerLink(String host, int port, TlsTrust tls, boolean reconnect, ChatListener listener, Tap tap) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.reconnect = reconnect;
        this.listener = listener;
        this.tap = tap;
        this.reader = new EventReader(pacer, listener);
        this.login = new LoginDialogue(server(), listener, members, sendLock, reader);
    }

    /** The server as the person names it: "host:port". */
    String server() {
        return HostPort.format(host, port);
    }

    String host() {
        return host;
    }

    /** @see ChatSession#connect() */
    void connect() throws IOException {
        connection = Greeting.open(host, port, tls, reader);
    }

    /** @see ChatSession#login(String) */
    ServerEvent login(String wanted) throws IOException {
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

    String name() {
        return name;
    }

    Members members() {
        return members;
    }

    ConnectionState state() {
        return state;
    }

    boolean fits(String line) {
        return pacer.fits(line);
    }

    /** How the connection is protected ("TLS 1.3, certificate ..."), or null for plain text or none yet. */
    String security() {
        ServerConnection c = connection;
        return c == null ? null : c.security();
    }

    InetAddress address() {
        return connection.address();
    }

    X509Certificate certificate() {
        return connection.certificate();
    }

    /** @see LoginDialogue#mayGoUnencrypted */
    boolean mayGoUnencrypted(String what) {
        return login.mayGoUnencrypted(connection, what);
    }

    /** A password set during the session, for logging in again after a loss. */
    void remember(String password) {
        login.remember(name, password);
    }

    /**
     * Sends one line when pacing allows.
     *
     * @throws IOException if there is no connection now (lost, or reconnecting): the line was not sent
     */
    void sendPaced(String line) throws IOException, InterruptedException {
        synchronized (sendLock) {
            ServerConnection c = connection;
            if (c == null || state != ConnectionState.CHATTING) {
                throw new IOException("not connected");
            }
            pacer.acquire();
            c.send(line);
        }
    }

    /** @see ChatSession#quit(String) */
    void quit(String reason) throws InterruptedException {
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

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    boolean left() {
        return quitting;
    }

    boolean removed() {
        return removed;
    }

    /** @see ChatSession#close() */
    void close() {
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
                tap.lost();
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
                ServerEvent event = reader.decode(line);
                if (event == null) {
                    continue;
                }
                if (event instanceof ServerEvent.Bye bye) {
                    removed = bye.removedByOperator();
                    listener.onEvent(bye);
                    return bye.text();
                }
                if (tap.take(event)) {
                    continue;
                }
                members.apply(event);
                listener.onEvent(event);
            }
        } catch (IOException e) {
            return e.getMessage() + " (" + server() + ")"; // "Connection reset (host:port)"
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
                c = Greeting.open(host, port, tls, reader);
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
