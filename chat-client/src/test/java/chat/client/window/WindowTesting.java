package chat.client.window;

import static org.awaitility.Awaitility.await;

import chat.client.core.ServerAddress;
import chat.server.ChatServer;
import chat.server.Opened;
import chat.server.config.ServerConfig;
import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import java.awt.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.swing.JDialog;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the window's tests share: real Swing on a virtual display (no X server needed), a real server on a
 * loopback port, the other people in the chat as plain line clients, and the face and everything opened
 * closed after each test. Every look at a component happens on the event thread.
 */
@ExtendWith(CacioExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class WindowTesting {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final Opened opened = new Opened();

    /**
     * The virtual screen has no keyboard whose Caps Lock could be asked about (its toolkit throws), so the
     * password field's Caps Lock sign, which asks on every focus, is left out here.
     */
    @BeforeAll
    static void noCapsLockSign() {
        Edt.run(() -> UIManager.put("PasswordField.showCapsLock", false));
    }
    WindowFace face;

    @AfterEach
    void closeAll() throws Exception {
        if (face != null) {
            Edt.run(() -> {
                if (face.window() != null) {
                    face.window().leave();
                }
            });
            face.awaitEnd(WAIT);
        }
        Edt.run(() -> {
            for (Window w : Window.getWindows()) {
                w.dispose();
            }
        });
        opened.close();
    }

    <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    ChatServer server() throws IOException {
        return track(ChatServer.start(config().port(0).build()));
    }

    static ServerConfig.Builder config() {
        return ServerConfig.builder().rateLimit(0, 1).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(0, Duration.ofSeconds(1));
    }

    WindowFace face(ServerAddress server, String name) throws InterruptedException {
        face = new WindowFace(dir.resolve("window.properties"));
        face.start(server, name);
        return face;
    }

    /** The window of a face started with a server and a name, which connects at once. */
    ChatWindow loggedIn(int port, String name) throws InterruptedException {
        face(new ServerAddress("127.0.0.1", port), name);
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        return Edt.call(() -> face.window());
    }

    static String messages(ChatWindow w) {
        return Edt.call(() -> w.messages().text());
    }

    static List<String> members(ChatWindow w) {
        return Edt.call(() -> w.members().current());
    }

    static void type(ChatWindow w, String line) {
        Edt.run(() -> {
            w.input().field().setText(line);
            w.input().field().postActionEvent();
        });
    }

    /** The dialog titled {@code title}, once it shows. */
    static JDialog dialogTitled(String title) {
        return await().atMost(WAIT).until(() -> Edt.call(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog jd && jd.isVisible() && title.equals(jd.getTitle())) {
                    return jd;
                }
            }
            return null;
        }), Objects::nonNull);
    }

    /** Waits until what the person types goes to the input box again (at once, or as soon as the window has the focus). */
    static void awaitTypingIn(ChatWindow w) {
        await().atMost(WAIT).until(() -> Edt.call(() -> w.input().field().isFocusOwner()
                || w.frame().getMostRecentFocusOwner() == w.input().field()));
    }
}
