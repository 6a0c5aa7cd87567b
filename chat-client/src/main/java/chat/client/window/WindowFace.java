package chat.client.window;

import chat.client.core.ChatSession;
import chat.client.core.ClientText;
import chat.client.core.KnownServers;
import chat.client.core.ServerAddress;
import chat.client.core.TlsTrust;
import chat.common.net.HostPort;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;

/**
 * {@code java -jar client.jar --gui}: the connect dialog, then the chat window, until the person leaves.
 * Remembers the server, name and theme that last logged in ({@link WindowSettings}).
 */
public final class WindowFace {
    private final Path settingsFile;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile WindowSettings settings;
    private volatile Path downloadDir; // null: the default
    private volatile String fingerprint; // pinned with --fingerprint, or null
    private ConnectDialog dialog; // event thread
    private volatile ChatWindow window; // made on the event thread

    /** @param settingsFile where the last values are kept ({@link #defaultSettingsFile}) */
    public WindowFace(Path settingsFile) {
        this.settingsFile = settingsFile;
        this.settings = WindowSettings.load(settingsFile);
    }

    public static Path defaultSettingsFile() {
        return WindowSettings.defaultPath(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * Shows the connect dialog, filled with {@code server} and {@code name} where given (else the last
     * values); with both given it connects at once. Returns at once; {@link #awaitEnd} waits.
     */
    public void start(ServerAddress server, String name) throws InterruptedException {
        start(server, name, false, null);
    }

    /**
     * As {@link #start(ServerAddress, String)}; {@code tls} (or a pinned {@code fingerprint}) ticks
     * "Encrypted" in the dialog.
     */
    public void start(ServerAddress server, String name, boolean tls, String fingerprint) throws InterruptedException {
        this.fingerprint = fingerprint;
        WindowSettings first = new WindowSettings(server != null ? server.host() : settings.host(),
                server != null ? server.port() : settings.port(), name != null ? name : settings.name(),
                tls || fingerprint != null || (server == null && settings.tls()), settings.dark());
        onEventThread(() -> {
            Themes.use(first.dark());
            window = new ChatWindow(first.dark(), this::rememberTheme, ended::countDown);
            dialog = new ConnectDialog(first, this::tryToJoin, ended::countDown);
            dialog.show();
            if (server != null && name != null) {
                dialog.connectNow();
            }
        });
    }

    /** Waits until the window or the dialog has ended; returns the exit status, 0: the person left. */
    public int awaitEnd() throws InterruptedException {
        ended.await();
        return 0;
    }

    /**
     * Says goodbye to the server if still in the chat: for the end of the process (a signal, the desktop
     * logging out), when the window cannot be closed the usual way. Waits a few seconds at most.
     */
    public void leaveNow() {
        ChatWindow w = window;
        if (w != null) {
            w.leaveNow();
        }
    }

    /** Whether the window or dialog ended within {@code wait}. */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where received files go; null: the default. Before {@link #start}. */
    public void downloadTo(Path dir) {
        downloadDir = dir;
    }

    /** On {@code chat-connect}: connects and logs in; null when in, else why not. */
    private String tryToJoin(String host, int port, String name, boolean tls) {
        ChatWindow w = window;
        ChatSession session = new ChatSession(host, port, w, true, tls ? trust() : null);
        if (downloadDir != null) {
            session.downloadTo(downloadDir);
        }
        w.attach(session);
        try {
            session.connect();
            ServerEvent answer = session.login(name);
            if (answer instanceof ServerEvent.Welcome) {
                settings = new WindowSettings(host, port, session.name(), tls, settings.dark());
                save();
                SwingUtilities.invokeLater(() -> w.open(HostPort.format(host, port)));
                return null;
            }
            session.close();
            if (answer instanceof ServerEvent.Error error) {
                return "Not in: " + error.text();
            }
            return "The server ended the connection: " + ((ServerEvent.Bye) answer).text();
        } catch (IOException e) {
            session.close();
            return e.getMessage();
        }
    }

    /**
     * Trust as {@link TlsTrust} decides, the known servers kept beside the settings; a certificate seen for
     * the first time is shown in a question over the dialog.
     */
    private TlsTrust trust() {
        KnownServers known = new KnownServers(settingsFile.resolveSibling("known_servers"));
        return new TlsTrust(known, fingerprint, (server, seen) -> {
            String question = "<html>" + Dialogs.html(ClientText.newServer(server)) + "<br><br><tt>" + seen + "</tt><br><br>"
                    + Dialogs.html(ClientText.TRUST_ADVICE) + "<br>" + ClientText.TRUST_QUESTION + "</html>";
            return Dialogs.askAndWait(() -> Dialogs.confirm(dialog.dialog(), "New server", question), false);
        }, null);
    }

    private void rememberTheme(boolean dark) {
        settings = settings.withDark(dark);
        save();
    }

    private void save() {
        try {
            settings.save(settingsFile);
        } catch (IOException e) {
            // not remembered for next time; nothing else depends on it
        }
    }

    /** For tests: the dialog and window, once {@link #start} has made them. Event thread. */
    ConnectDialog dialog() {
        return dialog;
    }

    ChatWindow window() {
        return window;
    }

    private static void onEventThread(Runnable r) throws InterruptedException {
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
