package chat.client;

import chat.client.core.ChatSession;
import chat.client.core.ClientText;
import chat.client.core.KnownServers;
import chat.client.core.ServerAddress;
import chat.client.core.TlsTrust;
import chat.client.terminal.ChatClient;
import chat.client.terminal.ChatCompleter;
import chat.client.terminal.Colours;
import chat.client.terminal.ConsoleView;
import chat.client.terminal.EventRenderer;
import chat.client.terminal.HistoryFile;
import chat.client.terminal.JLineConsoleView;
import chat.client.terminal.PlainConsoleView;
import chat.client.terminal.Terminals;
import chat.client.text.Tone;
import chat.client.window.WindowFace;
import chat.common.cli.ReadableHelp;
import chat.common.protocol.Protocol;
import chat.common.protocol.Username;
import java.awt.GraphicsEnvironment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code java -jar client.jar}: connects to a chat server and chats in this terminal, or in a window. */
@Command(
        name = "client.jar",
        mixinStandardHelpOptions = true,
        versionProvider = ClientMain.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        customSynopsis = "client.jar [OPTION]...",
        description = {
            "Chats on a chat server. Type a line to send it to everyone; /msg NAME text sends it to NAME only; /list shows"
                    + " who is online, /help the rest; quit, /quit or Ctrl+D leaves."
        })
public final class ClientMain implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST[:PORT]", defaultValue = Protocol.DEFAULT_HOST,
            description = "Server name or address, optionally with the port: 192.168.1.20:65432, [::1]:65432 (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Server port (default: " + Protocol.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Username (" + Username.RULE + "); asked for if not given.")
    String name;

    @Option(names = "--tls",
            description = "Encrypt with TLS. A certificate from a known authority is checked; any other is shown once to be "
                    + "trusted, then remembered (~/.config/chat/known_servers), and a changed one is refused.")
    boolean tls;

    @Option(names = "--fingerprint", paramLabel = "SHA256:...",
            description = "Accept only the server certificate with this fingerprint (for scripts; implies --tls).")
    String fingerprint;

    @Option(names = "--no-reconnect",
            description = "End when the connection is lost instead of trying again (always so with --plain or pipes).")
    boolean noReconnect;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours: auto (at a terminal, unless NO_COLOR is set or TERM=dumb), always or never (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--no-bell", description = "No terminal bell when someone says your name or sends you a private message.")
    boolean noBell;

    @Option(names = "--gui",
            description = "Chat in a window instead of this terminal (so too when started from a desktop: no arguments, no terminal, input from /dev/null).")
    boolean gui;

    @Option(names = "--download-dir", paramLabel = "DIR",
            description = "Where received files go (default: $XDG_DOWNLOAD_DIR/chat, else ~/Downloads/chat).")
    Path downloadDir;

    @Option(names = "--plain",
            description = "Plain lines without an input line, even at a terminal (automatic for pipes).")
    boolean plain;

    @Spec
    CommandSpec spec;

    private final ChatCompleter completer = new ChatCompleter();
    private final InputStream stdin;
    private final PrintStream stdout;

    ClientMain(InputStream stdin, PrintStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean interactive = Terminals.isInteractive();
        if (args.length == 0 && Terminals.startedFromDesktop(interactive)) {
            args = new String[] {"--gui"};
        }
        System.exit(run(System.in, out, err, interactive, args));
    }

    /** Runs the command line and returns the exit status: 0 left normally, 1 connection trouble, 2 bad usage. */
    static int run(InputStream in, PrintStream out, PrintStream err, boolean interactive, String... args) {
        ClientMain main = new ClientMain(in, out);
        main.plain = !interactive;
        CommandLine cli = new CommandLine(main);
        ReadableHelp.install(cli, List.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("Error: " + e.getMessage());
            w.println("Try 'java -jar client.jar --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(e instanceof IOException ? e.getMessage() : "Error: " + e);
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (name != null && !Username.isValid(name)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "invalid --name '" + name + "': use " + Username.RULE);
        }
        ServerAddress server;
        try {
            server = ServerAddress.parse(host, port);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (gui) {
            return inWindow(spec.commandLine().getParseResult().hasMatchedOption("--host") || port != null ? server : null);
        }
        try (ConsoleView view = openView()) {
            EventRenderer renderer = new EventRenderer(Clock.systemDefaultZone());
            ChatClient face = new ChatClient(view, renderer, !noBell);
            // Connect first, so that a wrong host or port is said at once, not after typing a name. A person
            // at a terminal gets reconnected; a script (plain mode) ends when the connection does, as before.
            TlsTrust trust = tls || fingerprint != null ? trust(view) : null;
            try (ChatSession session = new ChatSession(server.host(), server.port(), face, view.isInteractive() && !noReconnect, trust)) {
                if (downloadDir != null) {
                    session.downloadTo(downloadDir);
                }
                session.connect();
                if (session.security() != null) {
                    view.print(renderer.notice("Encrypted: " + session.security()), Tone.NOTICE, EventRenderer.NOTICE_COLUMN);
                }
                completer.names(session.members()::names);
                completer.rooms(session.conversations()::rooms);
                return face.run(session, name, name != null);
            }
        }
    }

    /** The window face; {@code server} is null when the person did not name one (the last one is offered). */
    private int inWindow(ServerAddress server) throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IOException("No display for a window here (DISPLAY is not set); without --gui the chat runs in this terminal.");
        }
        WindowFace face = new WindowFace(WindowFace.defaultSettingsFile());
        if (downloadDir != null) {
            face.downloadTo(downloadDir);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(face::leaveNow, "chat-window-exit")); // SIGTERM: still say goodbye
        checkFingerprint();
        face.start(server, name, tls, fingerprint);
        return face.awaitEnd();
    }

    /** Trust as {@link TlsTrust} decides; a certificate seen for the first time is shown and asked about. */
    private TlsTrust trust(ConsoleView view) {
        checkFingerprint();
        KnownServers known = new KnownServers(KnownServers.defaultPath(System.getenv(), System.getProperty("user.home")));
        return new TlsTrust(known, fingerprint, (where, seen) -> {
            if (!view.isInteractive()) {
                view.print("The certificate of " + where + " (" + seen + ") is not known here, and nobody can be asked;"
                        + " connect once at a terminal, or give --fingerprint " + seen);
                return false;
            }
            view.print(ClientText.newServer(where));
            view.print("  " + seen);
            view.print(ClientText.TRUST_ADVICE);
            return view.confirm(ClientText.TRUST_QUESTION);
        }, null);
    }

    private void checkFingerprint() {
        if (fingerprint != null && !fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--fingerprint must be SHA256: and 43 base64 characters, as the server logs it, not '" + fingerprint + "'");
        }
    }

    private ConsoleView openView() {
        boolean colours;
        try {
            colours = Colours.enabled(color, System.getenv(), !plain);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (!plain && Colours.isDumb(System.getenv())) {
            return new PlainConsoleView(stdin, stdout, true); // a dumb terminal edits lines itself; no escapes
        }
        if (!plain) {
            Logger.getLogger("org.jline").setLevel(Level.SEVERE); // its warnings would land on the screen
            try {
                return JLineConsoleView.open(colours, completer,
                        new HistoryFile(HistoryFile.defaultPath(System.getenv(), System.getProperty("user.home"))));
            } catch (IOException | RuntimeException e) {
                // no usable terminal after all: plain lines still work
            }
        }
        return new PlainConsoleView(stdin, stdout, false);
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ClientMain.class.getPackage().getImplementationVersion();
            return new String[] {"chat client " + (version == null ? "(development build)" : version),
                "protocol " + Protocol.VERSION, "Java " + Runtime.version()};
        }
    }
}
