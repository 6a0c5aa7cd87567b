package chat.server.config;

import chat.common.protocol.Protocol;
import chat.common.protocol.Username;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@code ChatServer} can be told; every limit is bounded by default (docs/OPERATIONS.md).
 * Build one with {@link #builder()}; values out of range are refused, never corrected.
 *
 * @param host address to listen on; a wildcard address accepts other machines
 * @param port TCP port; 0 picks a free one
 * @param maxClients connections held at once, logged in or not
 * @param maxPerIp connections held at once from one address (an IPv6 /64 counts as one); 0 for no limit
 * @param maxPending connections held at once that have not logged in yet
 * @param maxPendingPerIp connections not logged in yet, from one address; 0 for no limit
 * @param connectBurst new connections one address may open at once; 0 turns the throttle off
 * @param connectInterval then one new connection per this interval, per address
 * @param maxLineBytes longest line a client may send, in bytes
 * @param loginTimeout how long a connection may take to choose a valid name
 * @param sendQueueLines lines that may wait for one slow reader before it is disconnected
 * @param sendQueueBytes bytes that may wait for one slow reader before it is disconnected
 * @param writeTimeout how long one write to a client may stay blocked before the client is dropped
 * @param rateLimit lines per second one address may send, sustained; 0 turns flood control off
 * @param rateBurst lines one address may send at once before the rate applies
 * @param rateBacklog lines over the allowance that are delayed to the sustained rate before any is refused
 * @param floodDisconnect refused lines in a burst after which a flooding client is disconnected
 * @param announceLimit joins and leaves are announced to everyone only while at most this many are online
 * @param closeGrace how long a closing connection may take to receive its last lines before its socket is closed
 * @param threads which kind of thread serves a connection
 * @param addresses whether members see each other's IP addresses in {@code JOIN}
 * @param tls the TLS context each new connection is served with (it may change: renewed certificates), or
 *     null for plain text
 * @param plainPort with TLS, a second port serving plain text (0: any free one), or -1 for none
 * @param dataDir where registered names and bans are kept; null keeps them in memory only (tests, embedding)
 * @param operators the registered names (lower case) that may kick and ban once logged in with their password
 * @param serverPassword the shared password every connection must give before its name, or null for none
 * @param allowPlainPasswords whether passwords are taken over plain text too, where they can be read on the way
 * @param passwordIterations PBKDF2 iterations for new password hashes
 * @param minPasswordChars the fewest characters a new password may have (at most {@link #MAX_PASSWORD_CHARS})
 * @param transfers file transfer: its port and limits
 * @param history public lines a newcomer is shown from before it joined; 0 for none
 * @param cluster with Redis, this server is one node of several serving one chat; null: it is the whole chat
 * @param accountChanges the allowance of account changes ({@code /register}, {@code /password}) per address:
 *     this many at once ({@link Throttle#burst}, 0: no limit), then one per {@link Throttle#interval}
 * @param kickHold how long a kicked name may not log in again; zero: not at all
 * @param accountExpiryDays a registered name not logged in under for this many days is released (operators'
 *     never); 0: never
 * @param rooms the bounds of rooms
 * @param historyDays how many days the store keeps public lines, for {@code /history} and {@code /search}; 0:
 *     none (the store is in the data directory; a server without one keeps nothing)
 * @param storeDatabase the PostgreSQL database of the store, or null: SQLite in the data directory (one node)
 * @param ircPort a port serving IRC clients (with TLS when the chat port has it; 0: any free one), or -1 for none
 * @param ircName what the server calls itself to IRC clients (the source of its lines)
 */
public record ServerConfig(
        String host,
        int port,
        int maxClients,
        int maxPerIp,
        int maxPending,
        int maxPendingPerIp,
        int connectBurst,
        Duration connectInterval,
        int maxLineBytes,
        Duration loginTimeout,
        int sendQueueLines,
        int sendQueueBytes,
        Duration writeTimeout,
        double rateLimit,
        int rateBurst,
        int rateBacklog,
        int floodDisconnect,
        int announceLimit,
        Duration closeGrace,
        ThreadKind threads,
        AddressVisibility addresses,
        Supplier<SSLContext> tls,
        int plainPort,
        Path dataDir,
        Set<String> operators,
        Secret serverPassword,
        boolean allowPlainPasswords,
        int passwordIterations,
        int minPasswordChars,
        TransferConfig transfers,
        int history,
        ClusterConfig cluster,
        Throttle accountChanges,
        Duration kickHold,
        int accountExpiryDays,
        RoomLimits rooms,
        int historyDays,
        StoreDatabase storeDatabase,
        int ircPort,
        String ircName) {

    /** An allowance: {@code burst} at once (0: no limit), then one per {@code interval}. */
    public record Throttle(int burst, Duration interval) {
        public static final Throttle OFF = new Throttle(0, Duration.ofSeconds(1));

        public Throttle {
            requireRange("burst", burst, 0, 1_000_000);
            requirePositive("interval", interval);
        }

        public boolean on() {
            return burst > 0;
        }
    }

    public static final String DEFAULT_HOST = Protocol.DEFAULT_HOST;

    /** Public lines a newcomer is shown from before it joined. */
    public static final int DEFAULT_HISTORY = 50;
    public static final int DEFAULT_HISTORY_DAYS = 30;
    public static final String DEFAULT_IRC_NAME = "chat.server";

    /** The fewest characters of a new password unless the operator asks for more (or, for a test server, fewer). */
    public static final int DEFAULT_MIN_PASSWORD_CHARS = 8;
    /** The most characters of a password: it is hashed whole, so its length bounds the cost of a guess. */
    public static final int MAX_PASSWORD_CHARS = 200;

    /** PBKDF2 iterations of a new password hash: OWASP's advice for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

    // The built-in defaults: the builder starts from them and ServerMain's options name them (ServerMainTest
    // checks that the server with no arguments builds exactly these).
    public static final int DEFAULT_MAX_CLIENTS = 1000;
    public static final int DEFAULT_MAX_PER_IP = 20;
    public static final int DEFAULT_MAX_PENDING_PER_IP = 10;
    public static final int DEFAULT_CONNECT_BURST = 10;
    public static final int DEFAULT_CONNECT_INTERVAL_SECONDS = 2;
    public static final int DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_SEND_QUEUE_LINES = 10_000;
    public static final int DEFAULT_SEND_QUEUE_BYTES = 1 << 20;
    public static final int DEFAULT_WRITE_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_RATE_LIMIT = 5;
    public static final int DEFAULT_RATE_BURST = 10;
    public static final int DEFAULT_RATE_BACKLOG = 20;
    public static final int DEFAULT_FLOOD_DISCONNECT = 100;
    public static final int DEFAULT_ANNOUNCE_LIMIT = 100;
    public static final int DEFAULT_ACCOUNT_CHANGES_BURST = 5;
    public static final int DEFAULT_ACCOUNT_CHANGES_SECONDS = 30;
    public static final int DEFAULT_KICK_HOLD_SECONDS = 60;
    public static final int DEFAULT_ACCOUNT_EXPIRY_DAYS = 365;

    /** Default cap on connections not logged in: a quarter of the default client limit, never above the limit. */
    public static final int DEFAULT_MAX_PENDING = 250;

    /** Whether {@code JOIN} shows the joiner's IP address to everyone. */
    public enum AddressVisibility {
        /** Shown when the server listens on loopback or a private network only, hidden otherwise. */
        AUTO,
        SHOW,
        HIDE
    }

    public ServerConfig {
        requireRange("port", port, 0, 65535);
        requireRange("max clients", maxClients, 1, 1_000_000);
        requireRange("max connections per IP", maxPerIp, 0, 1_000_000);
        requireRange("max pending logins", maxPending, 1, maxClients);
        requireRange("max pending logins per IP", maxPendingPerIp, 0, 1_000_000);
        requireRange("connect burst", connectBurst, 0, 1_000_000);
        requirePositive("connect interval", connectInterval);
        requireRange("rate backlog", rateBacklog, 0, 100_000);
        requireRange("max line bytes", maxLineBytes, 64, 1 << 20);
        requireRange("send queue lines", sendQueueLines, 1, Integer.MAX_VALUE);
        requireRange("send queue bytes", sendQueueBytes, maxLineBytes, Integer.MAX_VALUE);
        requireRange("rate burst", rateBurst, 1, 1_000_000);
        requireRange("flood disconnect", floodDisconnect, 1, 1_000_000);
        requireRange("announce limit", announceLimit, 0, 1_000_000);
        requirePositive("login timeout", loginTimeout);
        requirePositive("write timeout", writeTimeout);
        requirePositive("close grace", closeGrace);
        requireRange("plain port", plainPort, -1, 65535);
        requireRange("IRC port", ircPort, -1, 65535);
        if (ircName == null || !ircName.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("the IRC server name is 1-63 letters, digits, '.' and '-', like a host name, not "
                    + ircName);
        }
        if (ircPort > 0 && (ircPort == port || ircPort == plainPort)) {
            throw new IllegalArgumentException("the IRC port " + ircPort + " is the chat's too; choose another --irc-port");
        }
        if (plainPort >= 0 && tls == null) {
            throw new IllegalArgumentException("--plain-port goes with --tls: without TLS the one port is plain text already");
        }
        operators = Set.copyOf(operators);
        for (String operator : operators) {
            if (Username.parse(operator).isEmpty() || !operator.equals(operator.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("operator " + operator + " is not a valid name in lower case");
            }
        }
        if (serverPassword != null && (tls == null || plainPort >= 0) && !allowPlainPasswords) {
            throw new IllegalArgumentException("the server password would cross the network in plain text; serve only TLS "
                    + "(--tls, no --plain-port), or accept that with --allow-plain-passwords");
        }
        requireRange("password iterations", passwordIterations, 1, 100_000_000);
        requireRange("minimum password length", minPasswordChars, 1, MAX_PASSWORD_CHARS);
        Objects.requireNonNull(transfers, "transfers");
        if (transfers.port() > 0 && (transfers.port() == port || transfers.port() == plainPort || transfers.port() == ircPort)) {
            throw new IllegalArgumentException("the transfer port " + transfers.port() + " is the chat's too; choose another "
                    + "--transfer-port (by default it is --port + 1)");
        }
        requireRange("history", history, 0, 10_000);
        requireRange("history days", historyDays, 0, 36_500);
        Objects.requireNonNull(accountChanges, "accountChanges");
        requireRange("account expiry days", accountExpiryDays, 0, 36_500);
        Objects.requireNonNull(rooms, "rooms");
        if (kickHold.isNegative() || kickHold.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("the kick hold must be between 0 and 86400 seconds, not " + kickHold.toSeconds());
        }
        if (!(rateLimit >= 0 && rateLimit <= 1_000_000)) {
            throw new IllegalArgumentException("rate limit must be between 0 and 1000000 lines per second, not " + rateLimit);
        }
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void requirePositive(String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /** Whether new connections per address are throttled. */
    public boolean connectThrottled() {
        return connectBurst > 0;
    }

    /** Whether flood control is on. */
    public boolean rateLimited() {
        return rateLimit > 0;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, on 127.0.0.1 and the given port. */
    public static ServerConfig defaults(int port) {
        return builder().port(port).build();
    }

    /** Collects values for a {@link ServerConfig}; starts with the documented defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = Protocol.DEFAULT_PORT;
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private int maxPerIp = DEFAULT_MAX_PER_IP;
        private Integer maxPending; // null: min(250, maxClients)
        private int maxPendingPerIp = DEFAULT_MAX_PENDING_PER_IP;
        private int connectBurst = DEFAULT_CONNECT_BURST;
        private Duration connectInterval = Duration.ofSeconds(DEFAULT_CONNECT_INTERVAL_SECONDS);
        private int maxLineBytes = Protocol.MAX_LINE_BYTES;
        private Duration loginTimeout = Duration.ofSeconds(DEFAULT_LOGIN_TIMEOUT_SECONDS);
        private int sendQueueLines = DEFAULT_SEND_QUEUE_LINES;
        private int sendQueueBytes = DEFAULT_SEND_QUEUE_BYTES;
        private Duration writeTimeout = Duration.ofSeconds(DEFAULT_WRITE_TIMEOUT_SECONDS);
        private double rateLimit = DEFAULT_RATE_LIMIT;
        private int rateBurst = DEFAULT_RATE_BURST;
        private int rateBacklog = DEFAULT_RATE_BACKLOG;
        private int floodDisconnect = DEFAULT_FLOOD_DISCONNECT;
        private int announceLimit = DEFAULT_ANNOUNCE_LIMIT;
        private int history = DEFAULT_HISTORY;
        private int historyDays = DEFAULT_HISTORY_DAYS;
        private StoreDatabase storeDatabase;
        private RoomLimits rooms = RoomLimits.DEFAULTS;
        private URI clusterRedis;
        private Duration clusterNodeTimeout = ClusterConfig.DEFAULT_NODE_TIMEOUT;
        private int clusterHoldLines; // 0: the default
        private int clusterStreamLength; // 0: the default for the history
        private long clusterStreamBytes = ClusterConfig.DEFAULT_STREAM_BYTES;
        private Duration closeGrace = Duration.ofSeconds(3);
        private ThreadKind threads = ThreadKind.AUTO;
        private AddressVisibility addresses = AddressVisibility.AUTO;
        private Supplier<SSLContext> tls;
        private int plainPort = -1;
        private int ircPort = -1;
        private String ircName = DEFAULT_IRC_NAME;
        private Path dataDir;
        private Set<String> operators = Set.of();
        private Secret serverPassword;
        private boolean allowPlainPasswords;
        private int passwordIterations = DEFAULT_PASSWORD_ITERATIONS;
        private int minPasswordChars = DEFAULT_MIN_PASSWORD_CHARS;
        private Integer transferPort; // null: the chat port + 1 (any free one when that is 0)
        private long maxFileSize = TransferConfig.DEFAULT_MAX_FILE_SIZE;
        private int transfersPerUser = TransferConfig.DEFAULT_PER_USER;
        private long transferRate;
        private Duration transferAcceptTimeout = TransferConfig.DEFAULT_ACCEPT_TIMEOUT;
        private Duration transferIdleTimeout = TransferConfig.DEFAULT_IDLE_TIMEOUT;
        private Throttle accountChanges = new Throttle(DEFAULT_ACCOUNT_CHANGES_BURST, Duration.ofSeconds(DEFAULT_ACCOUNT_CHANGES_SECONDS));
        private Duration kickHold = Duration.ofSeconds(DEFAULT_KICK_HOLD_SECONDS);
        private int accountExpiryDays = DEFAULT_ACCOUNT_EXPIRY_DAYS;

        private Builder() {}

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder maxClients(int value) { maxClients = value; return this; }
        public Builder maxPerIp(int value) { maxPerIp = value; return this; }
        public Builder maxPending(int value) { maxPending = value; return this; }
        public Builder maxPendingPerIp(int value) { maxPendingPerIp = value; return this; }
        /** {@code burst} 0 turns the throttle off. */
        public Builder connectThrottle(int burst, Duration interval) { connectBurst = burst; connectInterval = interval; return this; }
        public Builder rateBacklog(int value) { rateBacklog = value; return this; }
        public Builder addresses(AddressVisibility value) { addresses = value; return this; }
        public Builder maxLineBytes(int value) { maxLineBytes = value; return this; }
        public Builder loginTimeout(Duration value) { loginTimeout = value; return this; }
        public Builder sendQueue(int lines, int bytes) { sendQueueLines = lines; sendQueueBytes = bytes; return this; }
        public Builder writeTimeout(Duration value) { writeTimeout = value; return this; }
        public Builder rateLimit(double perSecond, int burst) { rateLimit = perSecond; rateBurst = burst; return this; }
        public Builder floodDisconnect(int value) { floodDisconnect = value; return this; }
        public Builder announceLimit(int value) { announceLimit = value; return this; }
        public Builder closeGrace(Duration value) { closeGrace = value; return this; }
        public Builder threads(ThreadKind value) { threads = value; return this; }
        /** Serves TLS only, with {@code context}; null (the default) serves plain text. */
        public Builder tls(SSLContext context) { tls = context == null ? null : () -> context; return this; }
        /** With TLS, also serves plain text on {@code port} (0: any free one); -1 (the default): no. */
        public Builder plainPort(int port) { plainPort = port; return this; }
        /** Serves IRC clients on {@code port} (0: any free one); -1 (the default): no. */
        public Builder ircPort(int port) { ircPort = port; return this; }
        public Builder ircName(String name) { ircName = name; return this; }
        /** Serves TLS only, each new connection with what {@code contexts} gives then. */
        public Builder tls(Supplier<SSLContext> contexts) { tls = contexts; return this; }

        /** Keeps registered names and bans in {@code dir}; null (the default): in memory only. */
        public Builder dataDir(Path dir) { dataDir = dir; return this; }
        /** Registered names that are operators, any case. */
        public Builder operators(Collection<String> names) {
            operators = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return this;
        }
        /** @throws IllegalArgumentException if {@code value} is empty */
        public Builder serverPassword(String value) { serverPassword = value == null ? null : new Secret(value); return this; }
        public Builder allowPlainPasswords(boolean value) { allowPlainPasswords = value; return this; }
        /** Fewer than the default only for tests: hashing is meant to be slow. */
        public Builder passwordIterations(int value) { passwordIterations = value; return this; }
        public Builder minPasswordChars(int value) { minPasswordChars = value; return this; }
        /** The transfer port: 0 any free one, -1 no file transfer; by default the chat port + 1. */
        public Builder transferPort(int value) { transferPort = value; return this; }
        public Builder maxFileSize(long bytes) { maxFileSize = bytes; return this; }
        public Builder transfersPerUser(int value) { transfersPerUser = value; return this; }
        /** Bytes a second one member's sending transfers may relay together; 0 for no limit. */
        public Builder transferRate(long bytesPerSecond) { transferRate = bytesPerSecond; return this; }
        public Builder transferTimeouts(Duration accept, Duration idle) { transferAcceptTimeout = accept; transferIdleTimeout = idle; return this; }
        public Builder history(int lines) { history = lines; return this; }

        /** Days the store keeps public lines; 0: none. */
        public Builder historyDays(int days) { historyDays = days; return this; }
        /** The store in this PostgreSQL database ({@code postgresql://...}), {@code password} null if none or in the URL. */
        public Builder storeDatabase(String url, String password) {
            storeDatabase = url == null ? null : new StoreDatabase(url, password == null ? null : new Secret(password));
            return this;
        }
        public Builder rooms(RoomLimits value) { rooms = value; return this; }
        /** Account changes per address: {@code burst} at once, then one per {@code interval}; {@link Throttle#OFF}: no limit. */
        public Builder accountChanges(Throttle value) { accountChanges = value; return this; }
        /** How long a kicked name is held out; zero: not at all. */
        public Builder kickHold(Duration value) { kickHold = value; return this; }
        /** Registered names unused this many days are released; 0: never. */
        public Builder accountExpiryDays(int days) { accountExpiryDays = days; return this; }
        /** One node of several, through Redis at {@code redis}; null for a server that is the whole chat. */
        public Builder cluster(URI redis, Duration nodeTimeout) { clusterRedis = redis; clusterNodeTimeout = nodeTimeout; return this; }

        /** Small bounds, so that tests can reach them: lines held while Redis is away, lines the stream keeps. */
        public Builder clusterBounds(int holdLines, int streamLength) {
            clusterHoldLines = holdLines;
            clusterStreamLength = streamLength;
            return this;
        }

        /** About how much of Redis's memory the shared stream may take, in bytes. */
        public Builder clusterStreamBytes(long bytes) { clusterStreamBytes = bytes; return this; }

        private ClusterConfig clusterConfig() {
            var defaults = ClusterConfig.of(clusterRedis, clusterNodeTimeout, history);
            return new ClusterConfig(clusterRedis, clusterNodeTimeout,
                    clusterHoldLines == 0 ? defaults.holdLines() : clusterHoldLines,
                    clusterHoldLines == 0 ? defaults.streamLength() : clusterStreamLength, clusterStreamBytes);
        }

        /** @throws IllegalArgumentException naming the first value out of range */
        public ServerConfig build() {
            int pendingCap = maxPending != null ? maxPending : Math.min(DEFAULT_MAX_PENDING, maxClients);
            return new ServerConfig(host, port, maxClients, maxPerIp, pendingCap, maxPendingPerIp, connectBurst,
                    connectInterval, maxLineBytes, loginTimeout, sendQueueLines, sendQueueBytes, writeTimeout, rateLimit,
                    rateBurst, rateBacklog, floodDisconnect, announceLimit, closeGrace, threads, addresses, tls, plainPort,
                    dataDir, operators, serverPassword, allowPlainPasswords, passwordIterations, minPasswordChars, transfers(), history,
                    clusterRedis == null ? null : clusterConfig(), accountChanges, kickHold, accountExpiryDays, rooms,
                    historyDays, storeDatabase, ircPort, ircName);
        }

        private TransferConfig transfers() {
            // a chat port out of range is said by the record's own check, not as a bad transfer port
            int filePort = transferPort != null ? transferPort : port <= 0 || port > 65535 ? 0 : port + 1;
            if (filePort > 65535) {
                throw new IllegalArgumentException("the transfer port would be " + filePort + "; choose one with --transfer-port");
            }
            return new TransferConfig(filePort, maxFileSize, transfersPerUser, transferRate,
                    transferAcceptTimeout, transferIdleTimeout);
        }
    }
}
