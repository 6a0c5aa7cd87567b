package chat.client.core;

import chat.client.transfer.Downloads;
import chat.client.transfer.FileTransfers;
import chat.client.transfer.TransferView;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One person's chat on one server, with no face: connects, logs in, carries out what the person types (a
 * line for the server, a file command, a new password), keeps the member list, and reconnects when the
 * connection is lost. Everything it hears goes to a {@link ChatListener}; it never prints.
 *
 * <p>Use: {@link #connect()} (so that a wrong host or port is reported before anyone types a name), then
 * {@link #login} until it answers {@code WELCOME}, then {@link #send} and {@link #sendText} from one thread,
 * and {@link #quit} or {@link #close()}. After login one thread of its own ({@code chat-receiver}) reads the
 * server; when the connection is lost and reconnecting is on, that thread tries again with growing pauses
 * (1, 2, 4 ... 30 s) and logs in under the same name, until it succeeds or the session is closed. A person
 * an operator kicked or banned is not brought back: that session ends. The connection over time is
 * {@link ServerLink}'s; what a typed line means is decided here.
 */
public final class ChatSession implements AutoCloseable {
    /** The command words a person may type, for completion: the server's, then the client's own. */
    public static final List<String> COMMANDS = Stream.concat(CommandParser.COMMANDS.stream(),
            FileTransfers.OWN_COMMANDS.stream()).collect(Collectors.toUnmodifiableList());

    private final ChatListener listener;
    private final ServerLink link;
    private final Conversations conversations = new Conversations();
    private volatile FileTransfers transfers;

    /** @param reconnect whether a lost connection is tried again (a person: yes; a script: as it likes) */
    public ChatSession(String host, int port, ChatListener listener, boolean reconnect) {
        this(host, port, listener, reconnect, null);
    }

    /** @param tls how to trust the server over TLS, or null for plain text */
    public ChatSession(String host, int port, ChatListener listener, boolean reconnect, TlsTrust tls) {
        this.listener = listener;
        this.link = new ServerLink(host, port, tls, reconnect, listener, new ServerLink.Tap() {
            @Override
            public boolean take(ServerEvent event) {
                return transfers.onEvent(event);
            }

            @Override
            public void lost() {
                transfers.connectionLost();
            }
        });
        this.transfers = newTransfers(Downloads.defaultDir());
    }

    /** Where received files go (before login; by default {@link Downloads#defaultDir()}). */
    public void downloadTo(Path dir) {
        transfers = newTransfers(dir);
    }

    /**
     * The conversations open, which a face keeps as events arrive ({@link Conversations#apply}) and switches
     * between; what is typed goes to the current one ({@link Conversations#addressed}).
     */
    public Conversations conversations() {
        return conversations;
    }

    /** This session's file transfers. */
    public FileTransfers transfers() {
        return transfers;
    }

    private FileTransfers newTransfers(Path dir) {
        return new FileTransfers(dir, new FileTransfers.Link() {
            @Override
            public void send(String line) throws IOException, InterruptedException {
                link.sendPaced(line);
            }

            @Override
            public String me() {
                return link.name();
            }

            @Override
            public InetAddress serverAddress() {
                return link.address();
            }

            @Override
            public String serverHost() {
                return link.host();
            }

            @Override
            public X509Certificate serverCertificate() {
                return link.certificate();
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
        return link.security();
    }

    /**
     * Connects and reads the server's greeting.
     *
     * @throws IOException with a sentence for a person ("Cannot connect to host:port: connection refused")
     */
    public void connect() throws IOException {
        link.connect();
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
        return link.login(wanted);
    }

    /** The name logged in under, or null before login. */
    public String name() {
        return link.name();
    }

    public Members members() {
        return link.members();
    }

    public ConnectionState state() {
        return link.state();
    }

    /** Whether {@code line} is short enough for the server; a longer one is not sent. */
    public boolean fits(String line) {
        return link.fits(line);
    }

    /**
     * Sends a line as typed: a command, or text. A quit leaves ({@link #quit}). Waits as long as pacing needs.
     *
     * @throws IOException if there is no connection now (lost, or reconnecting): the line was not sent
     */
    public void send(String line) throws IOException, InterruptedException {
        send(TypedLine.parse(line));
    }

    /**
     * Sends a line a face has read already ({@link TypedLine#parse}, the one reading of what was typed).
     *
     * @throws IOException if there is no connection now (lost, or reconnecting): the line was not sent
     */
    public void send(TypedLine typed) throws IOException, InterruptedException {
        if (!(typed instanceof TypedLine.ForServer forServer)) {
            carryOut(typed);
            return;
        }
        ClientCommand command = forServer.command();
        String line = forServer.line();
        if (command instanceof ClientCommand.Quit quit) {
            quit(quit.reason());
            return;
        }
        boolean alone = command instanceof ClientCommand.Malformed m
                && (m.usage().equals(CommandParser.REGISTER_USAGE) || m.usage().equals(CommandParser.PASSWORD_USAGE));
        boolean setsPassword = alone || command instanceof ClientCommand.Register
                || command instanceof ClientCommand.ChangePassword;
        String operator = operatorAlone(command, line);
        boolean sendsPassword = setsPassword || operator != null || command instanceof ClientCommand.Oper;
        if (sendsPassword && !link.mayGoUnencrypted(setsPassword ? "your new password" : "an operator's password")) {
            throw new IOException("no password was sent unencrypted; connect with --tls for that");
        }
        if (alone) {
            line = withNewPassword(line.strip());
            if (line == null) {
                return;
            }
        } else if (operator != null) { // its password asked without echo, once
            String password = listener.askPassword("Password of the operator " + operator + " at " + link.server() + ": ");
            if (password != null && password.isEmpty()) {
                return;
            }
            line = password == null ? line : "/oper " + operator + " " + password;
        } else {
            ClientCommand addressed = conversations.addressed(command);
            line = addressed.equals(command) ? line : CommandEncoder.encode(addressed);
        }
        link.sendPaced(line);
        if (setsPassword) { // the server hashes it slowly on purpose: say it is coming
            listener.onEvent(new ServerEvent.Info(ClientText.hashing(link.name())));
        }
    }

    /** NAME of a {@code /oper NAME} typed without its password, which the client then asks for; else null. */
    private static String operatorAlone(ClientCommand command, String line) {
        if (!(command instanceof ClientCommand.Malformed m) || !m.usage().equals(CommandParser.OPER_USAGE)) {
            return null;
        }
        String[] words = line.strip().split(" +");
        return words.length == 2 ? words[1] : null;
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
        String first = listener.askPassword("New password for " + link.name() + " at " + link.server() + ": ");
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
        link.remember(first); // for logging in again after a loss
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
            link.sendPaced(CommandEncoder.encode(conversations.addressed(new ClientCommand.Say(line))));
            sent++;
        }
        return sent;
    }

    /**
     * Leaves: says {@code /quit}, waits for the server's goodbye (a few seconds at most), closes. While the
     * connection is lost there is nobody to say goodbye to: it closes at once.
     */
    public void quit(String reason) throws InterruptedException {
        link.quit(reason);
    }

    /** Waits until the session is over (closed, or lost with no reconnecting); true if it is. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return link.awaitEnd(timeout, unit);
    }

    /** Whether the person chose to leave, as opposed to the connection ending on its own. */
    public boolean left() {
        return link.left();
    }

    /** Whether an operator kicked or banned this person (the goodbye said so); the session ended then. */
    public boolean removed() {
        return link.removed();
    }

    /**
     * Ends the session. While it waits to reconnect, it ends at once: the person is not kept waiting for an
     * attempt under way (up to the connect and login timeouts), which finds the session closed and gives up.
     */
    @Override
    public void close() {
        link.close();
    }
}
