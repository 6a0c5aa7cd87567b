package chat.server;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>{@link #close()} is the shutdown contract: stop accepting, send {@code BYE} to every connection, wait up
 * to the configured grace for those lines to be written, then close whatever is left. It is idempotent and
 * returns when every session thread has ended.
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    private static final int BACKLOG = 4096;

    private final ServerConfig config;
    private final ServerSocket serverSocket;
    private final SessionThreads threads;
    private final Roster roster;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perIp = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Thread acceptor;

    private ChatServer(ServerConfig config, ServerSocket serverSocket) {
        this.config = config;
        this.serverSocket = serverSocket;
        this.threads = SessionThreads.of(config.threads());
        this.roster = new Roster(config.announceLimit());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chat-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // cancelled login timers must not pile up
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
        this.acceptor = new Thread(this::acceptLoop, "chat-accept");
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException if the address cannot be bound; the message names it
     */
    public static ChatServer start(ServerConfig config) throws IOException {
        InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(bindAddress, BACKLOG);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("cannot listen on " + hostPort(bindAddress) + ": " + e.getMessage(), e);
        }
        ChatServer server = new ChatServer(config, serverSocket);
        log.info("Listening on {} ({} threads)", server.listeningOn(), server.threads.isVirtual() ? "virtual" : "platform");
        server.timer.scheduleWithFixedDelay(server::checkWrites, 1, 1, TimeUnit.SECONDS);
        server.acceptor.start();
        return server;
    }

    /** The bound port, useful when the configuration asked for port 0. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Where the server listens, as host:port. */
    public String listeningOn() {
        return hostPort((InetSocketAddress) serverSocket.getLocalSocketAddress());
    }

    /** Whether the server listens on every interface rather than one address. */
    public boolean isWildcard() {
        return serverSocket.getInetAddress().isAnyLocalAddress();
    }

    /** Connections currently open, logged in or not. */
    public int connectionCount() {
        return sessions.size();
    }

    /** Names logged in, sorted. */
    public List<String> onlineNames() {
        return roster.names();
    }

    ServerConfig config() {
        return config;
    }

    Roster roster() {
        return roster;
    }

    SessionThreads threads() {
        return threads;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Session threads running now; 0 once every connection has ended. */
    public int sessionThreadCount() {
        return threads.running();
    }

    void sessionEnded(ClientSession session) {
        if (sessions.remove(session)) {
            perIp.computeIfPresent(session.inetAddress(), (ip, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The watchdog, every second on the timer: bounds how long any write may stay blocked. */
    private void checkWrites() {
        long now = System.nanoTime();
        for (ClientSession session : sessions) {
            session.checkWriteTimeout(now);
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    break; // close() closed the listening socket: the normal way out
                }
                log.warn("Accept failed: {}", e.getMessage());
                pauseAfterAcceptFailure();
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        long id = nextId.getAndIncrement();
        InetAddress ip = socket.getInetAddress();
        String address = ip.getHostAddress();
        try {
            SocketTuning.apply(socket);
            if (sessions.size() >= config.maxClients()) {
                log.warn("Refused connection #{} from {}: server full ({} connections)", id, address, sessions.size());
                refuse(socket, ErrorCode.SERVER_FULL.event(), ServerText.BYE_FULL);
                return;
            }
            if (config.maxPerIp() > 0 && perIp.getOrDefault(ip, 0) >= config.maxPerIp()) {
                log.warn("Refused connection #{} from {}: {} connections from that address", id, address, config.maxPerIp());
                refuse(socket, ErrorCode.SERVER_FULL.event(), ServerText.BYE_TOO_MANY_FROM_IP);
                return;
            }
            ClientSession session = new ClientSession(id, socket, this);
            perIp.merge(ip, 1, Integer::sum);
            sessions.add(session);
            log.info("Connection #{} from {}", id, address);
            session.start();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not set up connection #{} from {}: {}", id, address, e.toString());
            closeQuietly(socket);
        }
    }

    /** Answers a connection that is not admitted, on the accept thread: two short lines fit any socket buffer. */
    private static void refuse(Socket socket, ServerEvent error, String byeText) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(EventCodec.encodeLine(error));
            out.write(EventCodec.encodeLine(new ServerEvent.Bye(byeText)));
            out.flush();
        } catch (IOException e) {
            log.debug("Refusal not delivered: {}", e.getMessage());
        }
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
        try {
            acceptor.join(1000);
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
        timer.shutdownNow();
        log.info("Shutdown completed.");
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Close failed: {}", e.getMessage());
        }
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
