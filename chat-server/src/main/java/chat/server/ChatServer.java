package chat.server;

import chat.common.net.HostPort;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.accounts.Registry;
import chat.server.admission.AddressKey;
import chat.server.admission.Admission;
import chat.server.admission.BurstLog;
import chat.server.admission.Refusal;
import chat.server.admission.SocketTuning;
import chat.server.admission.TlsRefusals;
import chat.server.cluster.ClusterNode;
import chat.server.cluster.ClusterRoster;
import chat.server.config.Secret;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.config.ThreadKind;
import chat.server.config.ThreadMaker;
import chat.server.irc.IrcDialect;
import chat.server.irc.IrcDirectory;
import chat.server.irc.RelayedLines;
import chat.server.roster.Archive;
import chat.server.roster.LocalRoster;
import chat.server.roster.Roster;
import chat.server.roster.Rooms;
import chat.server.roster.WriterGate;
import chat.server.roster.WriterPool;
import chat.server.session.ClientSession;
import chat.server.session.SessionContext;
import chat.server.session.Dialect;
import chat.server.session.SessionThreads;
import chat.server.store.Store;
import chat.server.store.StoreWriter;
import chat.server.transfer.TransferPort;
import chat.server.transfer.Transfers;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: a listening socket, the thread that accepts on it, and one {@link ClientSession}
 * per connection.
 *
 * <p>The accept thread survives any failure to serve one connection: that connection is refused and its
 * counts released. Should the thread die all the same, {@link #acceptorFailure()} completes, so that the
 * process can exit instead of lingering with a listening socket nobody serves.
 *
 * <p>{@link #close()} is the shutdown contract: stop accepting, send {@code BYE} to every connection, wait up
 * to the configured grace for those lines to be written, then close whatever is left. It is idempotent and
 * returns when every session thread has ended.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    private static final int BACKLOG = 4096;
    private static final long WATCHDOG_MILLIS = 500;
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerConfig config;
    private final ServerSocket serverSocket;
    private final ServerSocket plainSocket; // next to a TLS port, for LAN users and nc (--plain-port); or null
    private final ServerSocket ircSocket; // IRC clients' (--irc-port); or null
    private final SessionThreads threads;
    private final WriterPool writers; // null: each connection has a writer thread of its own
    private final Roster roster;
    private final Admission admission;
    private final SessionContext context;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Thread acceptor;
    private final Thread plainAcceptor; // or null
    private final Thread ircAcceptor; // or null
    private final IrcDirectory ircClients;
    private final RelayedLines ircRelays = new RelayedLines();
    private final TlsRefusals tlsRefusals; // or null without TLS
    private final Transfers transfers;
    private final TransferPort transferPort; // or null when file transfer is off
    private final DataDirectory.Lock dataLock; // or null: no data directory, or a node of several
    private final Store store; // or null: nothing kept on disk
    private final StoreWriter storeWriter; // with the store, unless it keeps no lines (--history-days 0)
    private final CompletableFuture<Throwable> acceptorFailure = new CompletableFuture<>();
    private final BurstLog startFailures = new BurstLog(log, QUIET_NANOS);
    private final BurstLog refusals = new BurstLog(log, QUIET_NANOS);

    private ChatServer(ServerConfig config, Registry registry, Roster roster, ServerSocket serverSocket, ServerSocket plainSocket,
            ServerSocket ircSocket, ServerSocket transferSocket, SessionThreads threads, DataDirectory.Lock dataLock,
            StoreWriter storeWriter, Store store) {
        this.config = config;
        this.dataLock = dataLock;
        this.storeWriter = storeWriter;
        this.store = store;
        this.serverSocket = serverSocket;
        this.plainSocket = plainSocket;
        this.ircSocket = ircSocket;
        this.threads = threads;
        this.writers = threads.poolsWriters() ? WriterPool.forThisMachine() : null;
        this.roster = roster;
        this.ircClients = new IrcDirectory(room -> {
            Rooms.Modes modes = roster.rooms().modes(room);
            return modes == null ? null : modes.letters();
        });
        this.admission = new Admission(config, System::nanoTime);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chat-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // cancelled grace timers must not pile up
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
        boolean showAddresses = PrivateNetworks.showAddresses(config.addresses(), serverSocket.getInetAddress());
        this.transfers = new Transfers(config.transfers(), threads::newThread, System::nanoTime);
        this.transferPort = transferSocket == null ? null
                : new TransferPort(transferSocket, transfers, config.tls(), threads::newThread);
        Store lines = storeWriter == null ? null : store; // or it keeps the accounts and bans only
        WriterGate gate = writers == null ? WriterGate.likeThePool() : null; // writer threads of their own
        this.context = new SessionContext(config, roster, threads, writers, gate, timer, admission, registry, transfers,
                lines, showAddresses, this::status, this::sessionEnded);
        this.tlsRefusals = config.tls() == null ? null : new TlsRefusals(config.tls(), timer);
        this.acceptor = acceptThread(serverSocket, config.tls() != null, false, "chat-accept");
        this.plainAcceptor = plainSocket == null ? null : acceptThread(plainSocket, false, false, "chat-accept-plain");
        this.ircAcceptor = ircSocket == null ? null : acceptThread(ircSocket, config.tls() != null, true, "chat-accept-irc");
    }

    private Thread acceptThread(ServerSocket listening, boolean tls, boolean irc, String name) {
        Thread thread = new Thread(() -> acceptLoop(listening, tls, irc), name);
        thread.setUncaughtExceptionHandler((t, e) -> {
            log.error("The accept thread {} died; no new connection can be served there", t.getName(), e);
            acceptorFailure.complete(e);
        });
        return thread;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException if the address cannot be bound, or a file in the data directory is damaged; the message names it
     */
    public static ChatServer start(ServerConfig config) throws IOException {
        return start(config, SessionThreads.of(config.threads()));
    }

    /**
     * The threads of a cluster node's reader and publisher: virtual like the sessions' where they are virtual
     * (made by a second {@link SessionThreads}, so they are not counted as sessions), else platform threads.
     */
    private static ThreadMaker nodeThreads(SessionThreads sessions) {
        return sessions.isVirtual() ? SessionThreads.of(ThreadKind.VIRTUAL)::newThread : ClusterNode.PLATFORM_THREADS;
    }

    /** Like {@link #start(ServerConfig)}, with the given maker of session threads (tests inject failures). */
    static ChatServer start(ServerConfig config, SessionThreads threads) throws IOException {
        // one server at a time on a data directory; nodes of one chat may share one: their files are copies of Redis's
        DataDirectory.Lock dataLock = null;
        if (config.dataDir() != null && config.cluster() == null) {
            dataLock = DataDirectory.lock(config.dataDir());
        } else if (config.dataDir() != null) {
            DataDirectory.create(config.dataDir());
        }
        try {
            ChatServer server = start(config, threads, dataLock);
            server.warnOfOperatorsWithoutAccount();
            return server;
        } catch (IOException | RuntimeException e) {
            if (dataLock != null) {
                dataLock.close();
            }
            throw e;
        }
    }

    private static ChatServer start(ServerConfig config, SessionThreads threads, DataDirectory.Lock dataLock) throws IOException {
        Store store = Store.openFor(config); // before binding: a store that cannot be opened stops the start
        Registry registry;
        ServerSocket serverSocket;
        try {
            registry = Registry.load(config, store); // so does a damaged file or entry
            serverSocket = bind(config.host(), config.port());
        } catch (IOException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
        StoreWriter storeWriter = store == null || !Store.keepsLines(config) ? null
                : new StoreWriter(store, Duration.ofDays(config.historyDays()), Clock.systemUTC(), threads.afterOthers());
        ServerSocket plainSocket = null;
        ServerSocket ircSocket = null;
        ServerSocket transferSocket = null;
        Roster roster = null;
        try {
            if (config.tls() != null && config.plainPort() >= 0) {
                plainSocket = bind(config.host(), config.plainPort());
            }
            if (config.ircPort() >= 0) {
                ircSocket = bind(config.host(), config.ircPort());
            }
            if (config.transfers().enabled()) {
                try {
                    transferSocket = bind(config.host(), config.transfers().port(), ServerSocketChannel.open().socket());
                } catch (IOException e) { // the port nobody asked for by name: say which it is, and the way out
                    throw new IOException("file transfers: " + e.getMessage() + " (the transfer port, by default the chat"
                            + " port + 1); choose another with --transfer-port PORT, or --transfer-port off", e);
                }
            }
            Archive archive = storeWriter == null ? Archive.NONE : storeWriter;
            roster = config.cluster() == null
                    ? new LocalRoster(config.announceLimit(), config.history(), config.rooms(), archive)
                    : ClusterRoster.start(config.cluster(), config.announceLimit(), config.history(), config.rooms(),
                            nodeThreads(threads), registry, archive);
        } catch (IOException e) {
            if (store != null) {
                closeStore(storeWriter, store);
            }
            serverSocket.close();
            if (plainSocket != null) {
                plainSocket.close();
            }
            if (ircSocket != null) {
                ircSocket.close();
            }
            if (transferSocket != null) {
                transferSocket.close();
            }
            throw e;
        }
        ChatServer server = new ChatServer(config, registry, roster, serverSocket, plainSocket, ircSocket, transferSocket, threads,
                dataLock, storeWriter, store);
        log.info("Listening on {}{} ({} threads{})", server.listeningOn(), config.tls() == null ? "" : " (TLS)",
                threads.isVirtual() ? "virtual" : "platform", server.context.showAddresses() ? "" : "; addresses hidden from members");
        if (plainSocket != null) {
            log.info("Listening on {} too, in plain text (--plain-port)",
                    HostPort.format((InetSocketAddress) plainSocket.getLocalSocketAddress()));
        }
        if (ircSocket != null) {
            log.info("IRC clients on {}{} (--irc-port)", HostPort.format((InetSocketAddress) ircSocket.getLocalSocketAddress()),
                    config.tls() == null ? "" : " (TLS)");
        }
        if (transferSocket != null) {
            log.info("File transfers on {}", HostPort.format((InetSocketAddress) transferSocket.getLocalSocketAddress()));
        }
        server.timer.scheduleWithFixedDelay(server::watch, WATCHDOG_MILLIS, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        if (config.accountExpiryDays() > 0) {
            server.timer.scheduleWithFixedDelay(server::expireAccounts, 0, 1, TimeUnit.HOURS);
        }
        server.acceptor.start();
        if (server.plainAcceptor != null) {
            server.plainAcceptor.start();
        }
        if (server.ircAcceptor != null) {
            server.ircAcceptor.start();
        }
        return server;
    }

    /**
     * Releases the registered names nobody logged in under for {@code --account-expiry} days, so that names
     * registered in a flood and never used go back to everyone; never an operator's, nor one online.
     */
    private void expireAccounts() {
        var accounts = context.registry().accounts();
        for (String name : accounts.unusedFor(config.accountExpiryDays())) {
            if (config.operators().contains(Username.key(name)) || roster.find(name) != null) {
                continue;
            }
            try {
                if (accounts.unregister(name)) {
                    log.info("Released {}: not used for {} days", name, config.accountExpiryDays());
                    if (store != null) {
                        store.forgetAccount(Username.key(name)); // what waited for it, its absence: not the next owner's
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot release the unused account {}: {}", name, e.getMessage());
            }
        }
    }

    /** An operator's name nobody may register over the protocol: say how its account is made. */
    private void warnOfOperatorsWithoutAccount() {
        for (String operator : config.operators()) {
            if (!context.registry().accounts().isRegistered(operator)) {
                String where = config.cluster() != null ? " --cluster " + config.cluster().where()
                        : config.dataDir() != null ? " --data-dir " + config.dataDir() : "";
                log.warn("Operator {} has no account yet, so nobody is operator under that name; make it with: "
                        + "java -jar server.jar{} --add-account {}", operator, where, operator);
            }
        }
    }

    private static ServerSocket bind(String host, int port) throws IOException {
        return bind(host, port, new ServerSocket());
    }

    /**
     * Binds {@code socket}; the transfer port's comes from a channel, so that the sockets it accepts have
     * channels too (a pipe between two of them copies through a direct buffer: no copy into the heap).
     */
    private static ServerSocket bind(String host, int port, ServerSocket socket) throws IOException {
        InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getByName(host), port);
        try {
            socket.setReuseAddress(true);
            socket.bind(bindAddress, BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + HostPort.format(bindAddress) + ": " + e.getMessage(), e);
        }
    }

    /** The bound port, useful when the configuration asked for port 0. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The bound plain-text port next to a TLS one ({@code --plain-port}), or -1 if there is none. */
    public int plainPort() {
        return plainSocket == null ? -1 : plainSocket.getLocalPort();
    }

    /** The bound port of IRC clients ({@code --irc-port}), or -1 if there is none. */
    public int ircPort() {
        return ircSocket == null ? -1 : ircSocket.getLocalPort();
    }

    /** The bound port of the data connections of file transfers, or -1 when file transfer is off. */
    public int transferPort() {
        return transferPort == null ? -1 : transferPort.port();
    }

    /** File transfers offered or running. */
    public int activeTransfers() {
        return transfers.active();
    }

    /** Where the server listens, as host:port. */
    public String listeningOn() {
        return HostPort.format((InetSocketAddress) serverSocket.getLocalSocketAddress());
    }

    /** Whether the server listens on every interface rather than one address. */
    public boolean isWildcard() {
        return serverSocket.getInetAddress().isAnyLocalAddress();
    }

    /** Connections currently open, logged in or not. */
    public int connectionCount() {
        return sessions.size();
    }

    /** Connections admitted and not logged in yet. */
    public int pendingCount() {
        return admission.pending();
    }

    /** Names logged in, sorted. */
    public List<String> onlineNames() {
        return roster.names();
    }

    /** Session threads running now; 0 once every connection has ended. */
    public int sessionThreadCount() {
        return threads.running();
    }

    /** The session threads each connection runs: a reader, and a writer unless a pool writes every connection. */
    public int threadsPerSession() {
        return writers == null ? 2 : 1;
    }

    /** The answer to {@code /status}: counts a health check can read without logging in. */
    String status() {
        return "status ok: online=" + roster.size() + " connections=" + admission.connections() + " pending="
                + admission.pending() + " max-clients=" + config.maxClients();
    }

    /** Completes with the cause if the accept thread dies; never completes otherwise. */
    public CompletableFuture<Throwable> acceptorFailure() {
        return acceptorFailure;
    }

    /** Addresses whose counts or allowances are remembered; 0 some seconds after the last connection. */
    int addressesRemembered() {
        return admission.addressesRemembered();
    }

    private void sessionEnded(ClientSession session) {
        if (sessions.remove(session)) {
            admission.ended(session.addressKey(), !session.loggedIn(), session.lineAllowance());
        }
    }

    /** On the timer, twice a second: blocked writes, login timeouts, and addresses to forget. */
    private void watch() {
        long now = System.nanoTime();
        long loginTimeout = admission.loginTimeoutNanos();
        for (ClientSession session : sessions) {
            session.checkWriteTimeout(now);
            session.checkLogin(now, loginTimeout);
        }
        admission.forgetIdle();
        transfers.check(now);
        if (transferPort != null) {
            transferPort.closeOverdue(now);
        }
    }

    private void acceptLoop(ServerSocket listening, boolean tls, boolean irc) {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    break; // close() closed the listening socket: the normal way out
                }
                log.warn("Accept failed: {}", e.getMessage());
                pauseAfterAcceptFailure();
                continue;
            }
            admit(socket, tls, irc);
        }
    }

    /** Serves or refuses one connection; whatever goes wrong here ends this connection only. */
    private void admit(Socket socket, boolean tls, boolean irc) {
        long id = nextId.getAndIncrement();
        InetAddress ip = socket.getInetAddress();
        AddressKey key = AddressKey.of(ip);
        Admission.Verdict verdict;
        try {
            SocketTuning.apply(socket);
            verdict = admission.admit(key);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not set up connection #{} from {}: {}", id, ip.getHostAddress(), e.toString());
            closeQuietly(socket);
            return;
        }
        if (verdict != Admission.Verdict.ADMITTED) {
            refuse(socket, tls, verdict, key);
            return;
        }
        ClientSession session = null;
        boolean started = false;
        try {
            session = new ClientSession(id, socket, key, context, tls ? config.tls().get() : null,
                    irc ? new IrcDialect(config.ircName(), ircClients, ircRelays) : Dialect.NATIVE);
            sessions.add(session);
            started = session.start();
            if (!started) {
                startFailures.warn("Cannot start threads for new connections; refusing them with SERVER_BUSY");
            }
        } catch (IOException | RuntimeException | Error e) {
            startFailures.warn("Cannot serve new connections; refusing them with SERVER_BUSY: " + e);
            refuse(socket, tls, ErrorCode.SERVER_BUSY.event(), ServerText.BYE_BUSY);
        }
        if (!started) {
            if (session != null) {
                sessions.remove(session); // its reader never ran, so its cleanup will not release it
            }
            admission.ended(key, true, session == null ? null : session.lineAllowance());
            return;
        }
        log.debug("Connection #{} from {}", id, ip.getHostAddress());
    }

    private void refuse(Socket socket, boolean tls, ServerEvent error, String bye) {
        if (tls) {
            tlsRefusals.refuse(socket, AddressKey.of(socket.getInetAddress()), error, bye);
        } else {
            Refusal.send(socket, error, bye);
        }
    }

    private void refuse(Socket socket, boolean tls, Admission.Verdict verdict, AddressKey key) {
        String bye;
        switch (verdict) {
            case SERVER_FULL:
                bye = ServerText.BYE_FULL;
                break;
            case ADDRESS_FULL:
                bye = ServerText.BYE_TOO_MANY_FROM_IP;
                break;
            case PENDING_FULL:
                bye = ServerText.BYE_TOO_MANY_LOGGING_IN;
                break;
            case ADDRESS_PENDING_FULL:
                bye = ServerText.BYE_TOO_MANY_LOGGING_IN_FROM_IP;
                break;
            default:
                bye = ServerText.BYE_THROTTLED;
        }
        refusals.warn("Refusing connections: " + verdict + " (this one from " + key + ")");
        refuse(socket, tls, (verdict == Admission.Verdict.THROTTLED ? ErrorCode.THROTTLED : ErrorCode.SERVER_FULL).event(), bye);
    }

    /** Backs off when accept fails (e.g. out of file descriptors), so the loop does not spin. */
    private void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        log.info("Shutdown initiated...");
        closeQuietly(serverSocket);
        if (plainSocket != null) {
            closeQuietly(plainSocket);
        }
        if (ircSocket != null) {
            closeQuietly(ircSocket);
        }
        if (transferPort != null) {
            transferPort.close();
        }
        transfers.close();
        try {
            acceptor.join(1000);
            if (plainAcceptor != null) {
                plainAcceptor.join(1000);
            }
            if (ircAcceptor != null) {
                ircAcceptor.join(1000);
            }
            List<ClientSession> open = List.copyOf(sessions);
            open.forEach(s -> s.disconnect(ServerText.BYE_SHUTDOWN));
            long deadline = System.nanoTime() + config.closeGrace().toNanos();
            for (ClientSession session : open) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!session.awaitEnded(Math.max(1, left))) {
                    session.closeSocket(); // a peer that does not read must not hold up shutdown
                }
            }
            for (ClientSession session : open) {
                if (!session.awaitEnded(1000)) {
                    log.warn("Connection #{} did not end in time", session.id());
                }
            }
        } catch (InterruptedException e) {
            log.warn("Shutdown interrupted; closing what is left");
            sessions.forEach(ClientSession::closeSocket);
            Thread.currentThread().interrupt();
        }
        if (tlsRefusals != null) {
            tlsRefusals.close();
        }
        if (writers != null) {
            writers.close(); // after every session ended: none has lines left
        }
        roster.close(); // a node appends its members' leaves, then leaves the cluster
        if (store != null) {
            closeStore(storeWriter, store); // after the last line was said
        }
        timer.shutdownNow();
        if (dataLock != null) {
            dataLock.close();
        }
        log.info("Shutdown completed.");
    }


    /** Keeps the lines still queued (if lines are kept: {@code writer} not null), then closes the store. */
    private static void closeStore(StoreWriter writer, Store store) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Close failed: {}", e.getMessage());
        }
    }
}
