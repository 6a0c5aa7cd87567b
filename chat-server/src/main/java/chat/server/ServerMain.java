package chat.server;

import chat.common.cli.ReadableHelp;
import chat.common.cli.ReadableHelp.Section;
import chat.common.net.HostPort;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.Protocol;
import chat.common.protocol.Username;
import chat.server.config.ClusterConfig;
import chat.server.config.PasswordFile;
import chat.server.config.RoomLimits;
import chat.server.config.ServerConfig;
import chat.server.config.TransferConfig;
import chat.server.logging.LogLevel;
import chat.server.logging.LogShutdown;
import chat.server.store.SqlitePreload;
import chat.server.tls.ServerCertificate;
import chat.server.tls.TlsSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code java -jar server.jar}: parses options, starts a {@link ChatServer}, and runs until signalled. */
@Command(
        name = "server.jar",
        mixinStandardHelpOptions = true,
        versionProvider = ServerMain.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = "server.jar [OPTION]...",
        description = "Runs the chat server. Stop it with Ctrl+C or SIGTERM: everyone is told and the exit status is 0.")
public final class ServerMain implements Callable<Integer> {
    private boolean logging; // the log has started: what it holds is written out at the exit

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file: option names without dashes as keys (max-clients=500); the command line wins. "
                    + "Default: $XDG_CONFIG_HOME/chat/server.properties (~/.config/chat/server.properties) if it exists.")
    Path config;

    @Option(names = "--status",
            description = "Ask the server at --host/--port for its counts, print them and exit: 0 if it answered, 1 if not.")
    boolean status;

    @Option(names = "--add-account", paramLabel = "NAME",
            description = "Make an account for NAME (an operator's, say) and exit: asks its password twice, without echo. Changes "
                    + "--data-dir while no server runs on it, or with --cluster the chat's shared accounts at once.")
    String addAccount;

    @Option(names = "--set-password", paramLabel = "NAME",
            description = "Set the password of NAME's account and exit, as --add-account does.")
    String setPassword;

    @Option(names = "--tls",
            description = "Serve TLS 1.3 only. Without --tls-cert/--tls-key a self-signed certificate is made on the first "
                    + "start and kept in --data-dir; its fingerprint is logged at every start.")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Certificate chain in PEM, e.g. certbot's fullchain.pem (with --tls-key; implies --tls).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "Its private key in PEM, not encrypted, e.g. certbot's privkey.pem.")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Or the certificate and key in a PKCS12 keystore (implies --tls); read again when it changes.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "The keystore's password: the first line of this file (default: no password).")
    Path tlsKeystorePasswordFile;

    @Option(names = "--plain-port", paramLabel = "PORT",
            description = "With --tls, also serve plain text on this port, for LAN users and nc (0: any free port).")
    Integer plainPort;

    @Option(names = "--irc-port", paramLabel = "PORT",
            description = "Also serve IRC clients (irssi, WeeChat, HexChat...) on this port, with TLS when the chat has it "
                    + "(0: any free port; default: off). See docs/IRC.md.")
    Integer ircPort;

    @Option(names = "--irc-name", paramLabel = "NAME", defaultValue = ServerConfig.DEFAULT_IRC_NAME,
            description = "What the server calls itself to IRC clients, like a host name (default: ${DEFAULT-VALUE}).")
    String ircName;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the server keeps its files: registered names, bans, its certificate (default: "
                    + "$XDG_DATA_HOME/chat-server, ~/.local/share/chat-server).")
    Path dataDir;

    @Option(names = "--operators", paramLabel = "NAME[,NAME...]", split = ",",
            description = "Registered names that may /kick and /ban once logged in with their password.")
    List<String> operators = new ArrayList<>();

    @Option(names = "--kick-hold", paramLabel = "SECONDS", defaultValue = "" + ServerConfig.DEFAULT_KICK_HOLD_SECONDS,
            description = "Time a kicked name may not log in again, 0 for none (default: ${DEFAULT-VALUE}).")
    int kickHoldSeconds;

    @Option(names = "--account-expiry", paramLabel = "DAYS", defaultValue = "" + ServerConfig.DEFAULT_ACCOUNT_EXPIRY_DAYS,
            description = "Release a registered name nobody logged in under for DAYS days (operators' never); 0: never "
                    + "(default: ${DEFAULT-VALUE}).")
    int accountExpiryDays;

    @Option(names = "--server-password-file", paramLabel = "FILE",
            description = "Make the server private: everyone must give the password in the first line of FILE before their name.")
    Path serverPasswordFile;

    @Option(names = "--min-password-length", paramLabel = "CHARS", defaultValue = "" + ServerConfig.DEFAULT_MIN_PASSWORD_CHARS,
            description = "The fewest characters a new password may have, at most " + ServerConfig.MAX_PASSWORD_CHARS
                    + " (default: ${DEFAULT-VALUE}).")
    int minPasswordLength;

    @Option(names = "--allow-plain-passwords",
            description = "Take passwords over plain text too (without --tls, or on --plain-port), where anyone on the way can read them.")
    boolean allowPlainPasswords;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 or :: for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + Protocol.DEFAULT_PORT,
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CLIENTS,
            description = "Connections held at once, logged in or not (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-per-ip", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_PER_IP,
            description = "Connections held at once from one IP address, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int maxPerIp;

    @Option(names = "--max-pending", paramLabel = "N",
            description = "Connections held at once that have not logged in yet (default: " + ServerConfig.DEFAULT_MAX_PENDING
                    + ", or --max-clients if lower).")
    Integer maxPending;

    @Option(names = "--max-pending-per-ip", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_PENDING_PER_IP,
            description = "Connections not logged in yet from one address, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int maxPendingPerIp;

    @Option(names = "--connect-throttle", paramLabel = "BURST/SECONDS|off",
            defaultValue = ServerConfig.DEFAULT_CONNECT_BURST + "/" + ServerConfig.DEFAULT_CONNECT_INTERVAL_SECONDS,
            description = "New connections one address may open at once, then one per SECONDS; 'off' for none (default: ${DEFAULT-VALUE}).")
    String connectThrottle;

    @Option(names = "--account-changes", paramLabel = "BURST/SECONDS|off",
            defaultValue = ServerConfig.DEFAULT_ACCOUNT_CHANGES_BURST + "/" + ServerConfig.DEFAULT_ACCOUNT_CHANGES_SECONDS,
            description = "Account changes (/register, /password) one address may make at once, then one per SECONDS; each costs "
                    + "a password hash; 'off' for none (default: ${DEFAULT-VALUE}).")
    String accountChanges;

    @Option(names = "--rate-limit", paramLabel = "LINES|off", defaultValue = "" + ServerConfig.DEFAULT_RATE_LIMIT,
            description = "Lines per second one connection may send, sustained (a new one starts in its address's debt); 'off' for trusted networks and benchmarks (default: ${DEFAULT-VALUE}).")
    String rateLimit;

    @Option(names = "--rate-burst", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_RATE_BURST,
            description = "Lines one connection may send at once before the rate applies (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--rate-backlog", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_RATE_BACKLOG,
            description = "Lines over the rate that are delayed, not refused (default: ${DEFAULT-VALUE}).")
    int rateBacklog;

    @Option(names = "--flood-limit", paramLabel = "LINES", defaultValue = "" + ServerConfig.DEFAULT_FLOOD_DISCONNECT,
            description = "Lines refused for rate, in a burst, after which a client is disconnected (default: ${DEFAULT-VALUE}).")
    int floodLimit;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", defaultValue = "" + Protocol.MAX_LINE_BYTES,
            description = "Longest line a client may send (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "" + ServerConfig.DEFAULT_LOGIN_TIMEOUT_SECONDS,
            description = "Time a connection has to choose a valid name (default: ${DEFAULT-VALUE}).")
    int loginTimeoutSeconds;

    @Option(names = "--send-queue-lines", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_SEND_QUEUE_LINES,
            description = "Lines that may wait for a slow reader before it is disconnected (default: ${DEFAULT-VALUE}).")
    int sendQueueLines;

    @Option(names = "--send-queue-bytes", paramLabel = "BYTES", defaultValue = "" + ServerConfig.DEFAULT_SEND_QUEUE_BYTES,
            description = "Bytes that may wait for a slow reader before it is disconnected (default: ${DEFAULT-VALUE}).")
    int sendQueueBytes;

    @Option(names = "--announce-limit", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_ANNOUNCE_LIMIT,
            description = "Joins and leaves are announced to everyone only while at most N are online (default: ${DEFAULT-VALUE}).")
    int announceLimit;

    @Option(names = "--write-timeout", paramLabel = "SECONDS", defaultValue = "" + ServerConfig.DEFAULT_WRITE_TIMEOUT_SECONDS,
            description = "Time one write to a client may stay blocked before the client is dropped (default: ${DEFAULT-VALUE}).")
    int writeTimeoutSeconds;

    @Option(names = "--show-addresses", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether members see each other's IP addresses; auto: only on a loopback or private network (default: ${DEFAULT-VALUE}).")
    String showAddresses;

    @Option(names = "--transfer-port", paramLabel = "PORT|off",
            description = "Port for the data connections of file transfers; 'off' turns file transfer off (default: --port + 1).")
    String transferPort;

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = TransferConfig.DEFAULT_MAX_FILE_GIB + "G",
            description = "Largest file relayed, like 1048576, 500M or 2G (default: ${DEFAULT-VALUE}).")
    String maxFileSize;

    @Option(names = "--transfers-per-user", paramLabel = "N", defaultValue = "" + TransferConfig.DEFAULT_PER_USER,
            description = "File transfers one member may have at once, offered or running, sent or received (default: ${DEFAULT-VALUE}).")
    int transfersPerUser;

    @Option(names = "--transfer-rate", paramLabel = "BYTES|off", defaultValue = "off",
            description = "Bytes a second one member's sending transfers may relay together, like 10M (default: ${DEFAULT-VALUE}).")
    String transferRate;

    @Option(names = "--transfer-accept-timeout", paramLabel = "SECONDS",
            defaultValue = "" + TransferConfig.DEFAULT_ACCEPT_TIMEOUT_SECONDS,
            description = "Time an offered file waits for its answer (default: ${DEFAULT-VALUE}).")
    int transferAcceptTimeoutSeconds;

    @Option(names = "--transfer-idle-timeout", paramLabel = "SECONDS",
            defaultValue = "" + TransferConfig.DEFAULT_IDLE_TIMEOUT_SECONDS,
            description = "Time a transfer may go without a byte moving, or its data connections take to come (default: ${DEFAULT-VALUE}).")
    int transferIdleTimeoutSeconds;

    @Option(names = "--history", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_HISTORY,
            description = "Public lines a newcomer is shown from before it joined; 0 for none (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_DAYS,
            description = "Days public lines are kept in the store, for /history, /search and the history after"
                    + " a restart; 0 keeps none (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--store", paramLabel = "URL",
            description = "Keep the store (lines, accounts, bans) in this PostgreSQL database, postgresql://[USER@]HOST[:PORT]/DATABASE,"
                    + " instead of SQLite in the data directory; the one several nodes share (docs/OPERATIONS.md, \"The store\").")
    String store;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "The database's password for --store: the first line of FILE, kept off the command line.")
    Path storePasswordFile;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "" + RoomLimits.DEFAULT_MAX_ROOMS,
            description = "Rooms the server holds at once, besides #general (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(names = "--max-room-members", paramLabel = "N", defaultValue = "" + RoomLimits.DEFAULT_MAX_MEMBERS,
            description = "Members of one room (default: ${DEFAULT-VALUE}).")
    int maxRoomMembers;

    @Option(names = "--max-rooms-per-member", paramLabel = "N", defaultValue = "" + RoomLimits.DEFAULT_PER_MEMBER,
            description = "Rooms one member may be in, besides #general (default: ${DEFAULT-VALUE}).")
    int maxRoomsPerMember;

    @Option(names = "--cluster", paramLabel = "URL",
            description = "Serve one chat with other servers through Redis: redis://HOST:PORT, or rediss://[:PASSWORD@]HOST:PORT "
                    + "over TLS (docs/OPERATIONS.md, \"Several nodes\").")
    String cluster;

    @Option(names = "--cluster-password-file", paramLabel = "FILE",
            description = "Redis's password for --cluster: the first line of FILE, kept off the command line (with an ACL user: "
                    + "rediss://USER@HOST:PORT).")
    Path clusterPasswordFile;

    @Option(names = "--cluster-stream-bytes", paramLabel = "BYTES", defaultValue = ClusterConfig.DEFAULT_STREAM_MIB + "M",
            description = "About how much of Redis's memory the shared stream may take, like 64M or 1G (default: ${DEFAULT-VALUE}).")
    String clusterStreamBytes;

    @Option(names = "--cluster-node-timeout", paramLabel = "SECONDS",
            defaultValue = "" + ClusterConfig.DEFAULT_NODE_TIMEOUT_SECONDS,
            description = "A node silent this long is taken for dead: its names are freed and its members' leaves announced "
                    + "(default: ${DEFAULT-VALUE}).")
    int clusterNodeTimeoutSeconds;

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "auto",
            description = "Threads per connection: auto, virtual (Java 21+) or platform (default: ${DEFAULT-VALUE}).")
    String threads;

    /** Completed with the exit status: 0 by a signal, 1 if the server can no longer accept. */
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

    public static void main(String[] args) {
        if (opensSqlite(args)) {
            SqlitePreload.start(); // beside reading the options and starting the log: the store is opened last
        }
        CommandLine cli = commandLine();
        int status = run(cli, args);
        if (((ServerMain) cli.getCommand()).logging) {
            LogShutdown.flush(); // the log is written from a background thread: let it finish first
        }
        System.exit(status);
    }

    /**
     * Whether these arguments are likely to start a server or change an account with SQLite as its store: not a
     * question ({@code --help}, {@code --version}, {@code --status}) nor PostgreSQL ({@code --store}). A guess before
     * the options are read (a configuration file may name PostgreSQL): a wrong one costs a thread some work, no more.
     */
    static boolean opensSqlite(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("-V") || arg.startsWith("--help") || arg.startsWith("--version")
                    || arg.startsWith("--status") || arg.startsWith("--store")) {
                return false;
            }
        }
        return true;
    }

    /** The log; not made as the class loads, for {@link #startLog} says when it starts. */
    private static Logger log() {
        return LoggerFactory.getLogger(ServerMain.class);
    }

    /** The sections of --help, each option in one (ServerMainTest checks that none is left out). */
    static final List<Section> HELP_SECTIONS = List.of(
            new Section("Running", "--config", "--data-dir", "--status"),
            new Section("Listening", "--host", "--port", "--plain-port", "--irc-port", "--irc-name", "--show-addresses", "--threads"),
            new Section("TLS", "--tls", "--tls-cert", "--tls-key", "--tls-keystore", "--tls-keystore-password-file"),
            new Section("Accounts and operators", "--add-account", "--set-password", "--operators", "--kick-hold",
                    "--account-expiry", "--server-password-file", "--allow-plain-passwords", "--min-password-length", "--account-changes"),
            new Section("Limits", "--max-clients", "--max-per-ip", "--max-pending", "--max-pending-per-ip",
                    "--connect-throttle", "--rate-limit", "--rate-burst", "--rate-backlog", "--flood-limit",
                    "--max-line-bytes", "--login-timeout", "--send-queue-lines", "--send-queue-bytes", "--announce-limit",
                    "--write-timeout"),
            new Section("File transfer", "--transfer-port", "--max-file-size", "--transfers-per-user", "--transfer-rate",
                    "--transfer-accept-timeout", "--transfer-idle-timeout"),
            new Section("Cluster", "--cluster", "--cluster-password-file", "--cluster-stream-bytes", "--cluster-node-timeout"),
            new Section("Rooms and history", "--max-rooms", "--max-room-members", "--max-rooms-per-member", "--history",
                    "--history-days", "--store", "--store-password-file"),
            new Section("Logging", "--log-level"));

    /** The command line, its help drawn in {@link #HELP_SECTIONS}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ServerMain());
        ReadableHelp.install(cli, HELP_SECTIONS);
        return cli;
    }

    /** Runs the command line and returns the exit status (see docs/OPERATIONS.md). */
    static int run(String... args) {
        return run(commandLine(), args);
    }

    private static int run(CommandLine cli, String... args) {
        Path configPath = ConfigFile.locate(args);
        ConfigFile file = null;
        if (configPath != null) {
            try {
                file = ConfigFile.load(configPath, cli.getCommandSpec());
                cli.setDefaultValueProvider(file);
            } catch (IllegalArgumentException e) {
                cli.getErr().println("Error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
        }
        ConfigFile settings = file;
        cli.setParameterExceptionHandler((e, given) -> usageError(e, settings == null
                ? e.getMessage() : settings.blame(e.getMessage(), e.getArgSpec(), given)));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + e.getMessage());
            ((ServerMain) commandLine.getCommand()).startLog();
            log().debug("Start failed", e);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String message) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("Error: " + message);
        err.println("Try 'java -jar server.jar --help' for more information.");
        return CommandLine.ExitCode.USAGE;
    }

    /** The certificate in use at start, for the log; null without TLS. */
    private ServerCertificate certificate;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = config();
        startLog();
        if (status) {
            System.out.println(StatusProbe.ask(connectableHost(InetAddress.getByName(config.host())), config.port()));
            return CommandLine.ExitCode.OK;
        }
        if (addAccount != null || setPassword != null) {
            return changeAccount(config);
        }
        if (this.config != null) {
            log().info("Settings from {}", this.config);
        }
        // Installed before anything is logged, so a signal at any moment after start-up stops us cleanly.
        TerminationSignals.install(() -> exitStatus.complete(CommandLine.ExitCode.OK));
        try (ChatServer server = ChatServer.start(config)) {
            server.acceptorFailure().thenRun(() -> exitStatus.complete(CommandLine.ExitCode.SOFTWARE));
            String here = HostPort.format(InetAddress.getByName(connectableHost(InetAddress.getByName(config.host()))), server.port());
            if (certificate != null) {
                log().info("TLS 1.3 only; certificate {}, fingerprint {}", certificate.subject(), certificate.fingerprint());
                log().info("Connect with: java -jar client.jar --tls --host {}   (openssl s_client -quiet -connect {} works too)", here, here);
                if (server.plainPort() >= 0) {
                    String plainHere = HostPort.format(InetAddress.getByName(connectableHost(InetAddress.getByName(config.host()))),
                            server.plainPort());
                    log().info("Without TLS (traffic readable on the network): java -jar client.jar --host {}", plainHere);
                }
            } else {
                log().info("Connect with: java -jar client.jar --host {}   (nc {} {} works too)",
                        here, connectableHost(InetAddress.getByName(config.host())), server.port());
            }
            if (server.isWildcard()) {
                List<String> addresses = externalAddresses(server.port());
                log().info("Clients on other machines can connect to: {}",
                        addresses.isEmpty() ? "(no network interface is up)" : String.join(", ", addresses));
            } else if (InetAddress.getByName(config.host()).isLoopbackAddress()) {
                log().info("Only this machine can connect; use --host 0.0.0.0 to accept other machines");
            }
            return exitStatus.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandLine.ExitCode.OK;
        } catch (ExecutionException e) {
            throw new AssertionError("the exit status is never completed exceptionally", e);
        }
    }

    /** {@code --add-account} or {@code --set-password}: one line of what was done, exit 0. */
    private int changeAccount(ServerConfig config) throws IOException {
        CommandLine cmd = new CommandLine(this);
        if (addAccount != null && setPassword != null) {
            throw new CommandLine.ParameterException(cmd, "give --add-account or --set-password, not both");
        }
        String given = addAccount != null ? addAccount : setPassword;
        Username name = Username.parse(given).orElseThrow(() -> new CommandLine.ParameterException(cmd,
                (addAccount != null ? "--add-account: " : "--set-password: ") + ErrorCode.NAME_INVALID.text()));
        AccountConsole.Change change = addAccount != null ? AccountConsole.Change.ADD : AccountConsole.Change.SET_PASSWORD;
        System.out.println(AccountConsole.run(change, name, config, AccountConsole.standard()));
        return CommandLine.ExitCode.OK;
    }

    /** Where a client on this machine reaches a server bound to {@code bound}: a wildcard means loopback. */
    private static String connectableHost(InetAddress bound) {
        if (!bound.isAnyLocalAddress()) {
            return HostPort.host(bound);
        }
        return bound instanceof Inet6Address ? "::1" : "127.0.0.1";
    }

    /**
     * Starts the log at the level asked, once the options were found good: a usage error, --help and --version
     * end without it, which was half of their time (the logging library's 500 classes and its settings).
     */
    private void startLog() {
        LogLevel.apply(logLevel);
        logging = true;
    }

    /** The configuration the options describe; a bad value ends in a one-line usage error. */
    ServerConfig config() throws IOException {
        CommandLine cmd = new CommandLine(this);
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cmd, "unknown host: " + host);
        }
        try {
            LogLevel.check(logLevel);
            OptionValues.Throttle throttle = OptionValues.throttle("--connect-throttle", connectThrottle, "10/2");
            ServerConfig.Builder builder = ServerConfig.builder();
            if (maxPending != null) {
                builder.maxPending(maxPending);
            }
            if (plainPort != null) {
                builder.plainPort(plainPort);
            }
            if (ircPort != null) {
                builder.ircPort(ircPort);
            }
            builder.ircName(ircName);
            if (transferPort != null) {
                builder.transferPort(OptionValues.transferPort(transferPort));
            }
            builder.maxFileSize(OptionValues.bytes("--max-file-size", maxFileSize, false))
                    .transfersPerUser(transfersPerUser)
                    .transferRate(OptionValues.bytes("--transfer-rate", transferRate, true))
                    .transferTimeouts(OptionValues.seconds("--transfer-accept-timeout", transferAcceptTimeoutSeconds),
                            OptionValues.seconds("--transfer-idle-timeout", transferIdleTimeoutSeconds));
            builder.history(history).historyDays(historyDays).rooms(new RoomLimits(maxRooms, maxRoomMembers, maxRoomsPerMember));
            if (store != null) {
                builder.storeDatabase(store, storePasswordFile == null ? null : PasswordFile.read(storePasswordFile));
            } else if (storePasswordFile != null) {
                throw new IllegalArgumentException("--store-password-file goes with --store");
            }
            if (kickHoldSeconds < 0) {
                throw new IllegalArgumentException("--kick-hold must be 0 or more seconds, not " + kickHoldSeconds);
            }
            builder.kickHold(Duration.ofSeconds(kickHoldSeconds)).accountExpiryDays(accountExpiryDays);
            OptionValues.Throttle changes = OptionValues.throttle("--account-changes", accountChanges, "5/30");
            builder.accountChanges(changes.burst() == 0 ? ServerConfig.Throttle.OFF
                    : new ServerConfig.Throttle(changes.burst(), changes.interval()));
            if (cluster != null) {
                URI redis = OptionValues.redis(cluster);
                if (clusterPasswordFile != null) {
                    redis = OptionValues.withPassword(redis, PasswordFile.read(clusterPasswordFile));
                }
                builder.cluster(redis, OptionValues.seconds("--cluster-node-timeout", clusterNodeTimeoutSeconds))
                        .clusterStreamBytes(OptionValues.bytes("--cluster-stream-bytes", clusterStreamBytes, false));
            } else if (clusterPasswordFile != null) {
                throw new IllegalArgumentException("--cluster-password-file goes with --cluster");
            }
            Path data = dataDir != null ? dataDir : TlsSetup.defaultDataDir(System.getenv(), System.getProperty("user.home"));
            if (!status) {
                DataDirectory.create(data); // first, so that an unusable one is said plainly
            }
            builder.dataDir(data).operators(operators).allowPlainPasswords(allowPlainPasswords)
                    .minPasswordChars(minPasswordLength);
            if (serverPasswordFile != null) {
                String password = PasswordFile.read(serverPasswordFile);
                if (password.isEmpty()) {
                    throw new IllegalArgumentException("--server-password-file: the first line of " + serverPasswordFile + " is empty");
                }
                builder.serverPassword(password);
            }
            if (tls || tlsCert != null || tlsKey != null || tlsKeystore != null) {
                TlsSetup setup = TlsSetup.from(tlsCert, tlsKey, tlsKeystore, tlsKeystorePasswordFile, data, host);
                certificate = setup.certificate();
                builder.tls(setup.contexts());
            }
            return builder
                    .host(host)
                    .port(port)
                    .maxClients(maxClients)
                    .maxPerIp(maxPerIp)
                    .maxPendingPerIp(maxPendingPerIp)
                    .connectThrottle(throttle.burst(), throttle.interval())
                    .rateBacklog(rateBacklog)
                    .addresses(OptionValues.addresses(showAddresses))
                    .maxLineBytes(maxLineBytes)
                    .loginTimeout(OptionValues.seconds("--login-timeout", loginTimeoutSeconds))
                    .sendQueue(sendQueueLines, sendQueueBytes)
                    .writeTimeout(OptionValues.seconds("--write-timeout", writeTimeoutSeconds))
                    .rateLimit(OptionValues.rate(rateLimit), rateBurst)
                    .floodDisconnect(floodLimit)
                    .announceLimit(announceLimit)
                    .threads(OptionValues.threads(threads))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    /** The addresses of this machine that other machines may reach, for the log when bound to a wildcard. */
    private static List<String> externalAddresses(int port) {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (!address.isLinkLocalAddress()) {
                            addresses.add(HostPort.format(address, port));
                        }
                    }
                }
            }
        } catch (SocketException e) {
            log().debug("Cannot list network interfaces: {}", e.getMessage());
        }
        return addresses;
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ServerMain.class.getPackage().getImplementationVersion();
            return new String[] {"chat server " + (version == null ? "(development build)" : version),
                "protocol " + Protocol.VERSION, "Java " + Runtime.version()};
        }
    }
}
