package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.SamePort;
import chat.client.core.ServerAddress;
import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.TlsTestServer;
import chat.server.accounts.Accounts;
import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import org.junit.jupiter.api.Test;

/**
 * The window face when the connection brings something to decide or bear: a new or changed certificate, a
 * registered name's password, a kick, a lost connection, a burst of ten thousand lines.
 */
class WindowConnectionIT extends WindowTesting {
    @Test
    void overTlsANewServersFingerprintIsShownTrustedAndRemembered() throws Exception {
        TlsTestServer server = track(TlsTestServer.start(dir.resolve("server"), ServerConfig.builder()));
        var certificate = server.certificate();
        face(null, null);
        Edt.run(() -> {
            var d = face.dialog().dialog();
            Edt.find(d, "port", JTextField.class).setText(Integer.toString(server.port()));
            Edt.find(d, "name", JTextField.class).setText("bob");
            Edt.find(d, "tls", JCheckBox.class).setSelected(true);
            Edt.find(d, "connect", JButton.class).doClick();
        });
        // the question, over the dialog, shows the fingerprint; Enter would say no
        assertThat(answerYes("New server")).contains(certificate.fingerprint());
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        ChatWindow bob = Edt.call(() -> face.window());
        assertThat(Edt.call(() -> bob.frame().getTitle())).isEqualTo("chat: bob on 127.0.0.1:" + server.port() + ", encrypted");
        // the long "Encrypted: ..." line does not squeeze the member list (it was ~15 px wide)
        await().atMost(WAIT).until(() -> messages(bob).contains("Encrypted: "));
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.members().component().getWidth()) >= 120);
        await().atMost(WAIT).until(() -> messages(bob).contains(
                "Encrypted: TLS 1.3, certificate " + certificate.fingerprint() + " (trusted now, on first use)"));
        assertThat(Files.readString(dir.resolve("known_servers"))).contains("127.0.0.1:" + server.port() + " " + certificate.fingerprint());
        assertThat(WindowSettings.load(dir.resolve("window.properties")).tls()).isTrue();
    }

    @Test
    void aCertificateChangedWhileAwayIsSaidInTheWindowWhichStaysOpen() throws Exception {
        ServerCertificate first = ServerCertificate.selfSigned(dir.resolve("first"), "localhost");
        ChatServer before = track(ChatServer.start(config().port(0).tls(first.sslContext()).build()));
        int port = before.port();
        face(null, null);
        Edt.run(() -> {
            var d = face.dialog().dialog();
            Edt.find(d, "port", JTextField.class).setText(Integer.toString(port));
            Edt.find(d, "name", JTextField.class).setText("bob");
            Edt.find(d, "tls", JCheckBox.class).setSelected(true);
            Edt.find(d, "connect", JButton.class).doClick();
        });
        answerYes("New server");
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        ChatWindow bob = Edt.call(() -> face.window());
        before.close();
        ServerCertificate other = ServerCertificate.selfSigned(dir.resolve("other"), "localhost");
        track(SamePort.startAgain(config().tls(other.sslContext()), port));
        await().atMost(WAIT).until(() -> messages(bob).contains("WARNING: the certificate of 127.0.0.1:" + port + " has CHANGED"));
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.banner().getText()).startsWith("Not connected, and not trying again"));
        assertThat(Edt.call(() -> bob.frame().isVisible())).isTrue();
        assertThat(Edt.call(() -> bob.input().field().isEnabled())).isFalse();
        assertThat(messages(bob).split("has CHANGED", -1)).hasSize(2); // said once
    }

    /** Answers Yes to the next question titled {@code title}, after checking that No is its default; returns its text. */
    private static String answerYes(String title) {
        JDialog question = dialogTitled(title);
        return Edt.call(() -> {
            JOptionPane pane = (JOptionPane) question.getContentPane().getComponent(0);
            assertThat(pane.getInitialValue()).isEqualTo(Dialogs.NO);
            pane.setValue(Dialogs.YES); // as the Yes button does
            return String.valueOf(pane.getMessage());
        });
    }

    /** Answers the next password question with {@code password}; returns its question. */
    private static String answerPassword(String password) {
        JDialog question = dialogTitled(PasswordQuestion.TITLE);
        return Edt.call(() -> {
            JOptionPane pane = (JOptionPane) question.getContentPane().getComponent(0);
            Edt.find(pane, "password", JPasswordField.class).setText(password);
            String asked = Edt.find(pane, "question", JLabel.class).getText();
            pane.setValue(JOptionPane.OK_OPTION); // as the OK button does
            return asked;
        });
    }

    @Test
    void aRegisteredNameAsksForItsPasswordInADialogAndChangesIt() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).dataDir(dir.resolve("server"))
                .passwordIterations(1000).allowPlainPasswords(true).build()));
        try (TestLineClient owner = TestLineClient.login(server.port(), "bob")) {
            owner.send("/register correct horse");
            owner.awaitLine("INFO bob is registered now");
        }
        await().atMost(WAIT).until(() -> !server.onlineNames().contains("bob"));
        face(new ServerAddress("127.0.0.1", server.port()), "bob");
        String at = "127.0.0.1:" + server.port();
        assertThat(answerYes("Not encrypted")).contains("The connection to " + at + " is not encrypted", "password for bob");
        assertThat(answerPassword("correct horse")).isEqualTo("Password for bob at " + at + ":");
        await().atMost(WAIT).until(() -> Edt.call(() -> face.window().frame().isVisible()));
        ChatWindow bob = Edt.call(() -> face.window());

        type(bob, "/password");
        assertThat(answerPassword("new horse!")).isEqualTo("New password for bob at " + at + ":"); // asked once: no question before
        assertThat(answerPassword("new horse!")).isEqualTo("The same again:");
        awaitTypingIn(bob); // after the dialogs
        await().atMost(WAIT).until(() -> messages(bob).contains("Password changed."));
        assertThat(messages(bob)).doesNotContain("new horse!");
    }

    @Test
    void aKickedPersonsWindowStaysOpenSayingWhyAndDoesNotComeBack() throws Exception {
        Accounts.load(dir.resolve("server/accounts"), 1000).register("op", "correct horse".toCharArray());
        ChatServer server = track(ChatServer.start(config().port(0).dataDir(dir.resolve("server")).passwordIterations(1000)
                .allowPlainPasswords(true).operators(List.of("op")).kickHold(Duration.ofSeconds(1)).build()));
        ChatWindow bob = loggedIn(server.port(), "bob");
        try (TestLineClient op = TestLineClient.login("127.0.0.2", server.port(), "op", "correct horse")) {
            op.send("/kick bob enough");
            op.awaitLine("LEAVE bob");
            await().atMost(WAIT).until(() -> Edt.call(() -> bob.banner().isVisible()
                    && bob.banner().getText().startsWith("Kicked by op: enough. Not reconnecting")));
            assertThat(Edt.call(() -> bob.frame().isVisible())).isTrue();
            assertThat(Edt.call(() -> bob.input().field().isEnabled())).isFalse();
            assertThat(messages(bob)).contains("You were kicked by op: enough.");
            assertThat(face.awaitEnd(Duration.ofSeconds(3))).isFalse(); // past the kick hold: still out, the window open
            assertThat(server.onlineNames()).containsExactly("op");
        }
        Edt.run(() -> bob.leave());
        assertThat(face.awaitEnd(WAIT)).isTrue();
    }

    @Test
    void aLostConnectionShowsABannerKeepsTheTypedLineAndComesBack() throws Exception {
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).build());
        int port = first.port();
        ChatWindow bob = loggedIn(port, "bob");
        first.close();
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.banner().isVisible()));
        assertThat(Edt.call(() -> bob.banner().getText())).startsWith("Connection lost: ");
        // the banner says each new try in place; the messages say the loss once
        await().atMost(WAIT).until(() -> Edt.call(() -> bob.banner().getText()).contains("trying again in 2 s"));
        type(bob, "said while away");
        await().atMost(WAIT).until(() -> messages(bob).contains("Not connected now"));
        assertThat(Edt.call(() -> bob.input().field().getText())).isEqualTo("said while away");

        ChatServer second = track(SamePort.startAgain(config(), port));
        await().atMost(WAIT).until(() -> !Edt.call(() -> bob.banner().isVisible()));
        assertThat(messages(bob)).contains("Reconnected as bob");
        assertThat(messages(bob).split("Connection lost: ", -1)).hasSize(2);
        TestLineClient carol = track(TestLineClient.login(second.port(), "carol"));
        Edt.run(() -> bob.input().field().postActionEvent());
        assertThat(carol.awaitLine("MSG ")).isEqualTo("MSG bob said while away");
    }

    @Test
    void aBurstOfTenThousandLinesKeepsTheWindowResponsiveAndTheScrollbackBounded() throws Exception {
        ChatServer server = server();
        ChatWindow bob = loggedIn(server.port(), "bob");
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        Thread drain = new Thread(() -> {
            try {
                while (carol.readLine() != null) {
                    // carol's own lines come back too; read them so the server keeps her
                }
            } catch (IOException | AssertionError e) {
                // closed at the end of the test
            }
        }, "carol-drain");
        drain.setDaemon(true);
        drain.start();
        await().atMost(WAIT).until(() -> members(bob).contains("carol"));

        int lines = 10_000;
        // how long the event thread takes to answer, probed every 50 ms while the burst is drawn
        AtomicLong worstMillis = new AtomicLong();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        probe.scheduleAtFixedRate(() -> {
            long start = System.nanoTime();
            Edt.run(() -> { });
            worstMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
        }, 0, 50, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            burst.append("burst line ").append(i).append(" of ").append(lines).append('\n');
        }
        carol.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(120)).until(() -> messages(bob).contains("<carol> burst line 10000 of 10000"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        probe.shutdownNow();
        probe.awaitTermination(10, TimeUnit.SECONDS);

        assertThat(Edt.call(() -> bob.messages().lineCount())).isEqualTo(MessagePane.MAX_LINES);
        // the lines before the burst scrolled out: the pane keeps the newest MAX_LINES, no more
        assertThat(messages(bob)).doesNotContain("Welcome, bob").containsPattern("^\\d\\d:\\d\\d <carol> burst line \\d+ of 10000\n");
        // the point is that the window is never frozen for the whole burst: no wait of a third of it (or 2 s, the
        // more); on a busy machine (CI with two spinning loops beside it) the burst took 15 s with a wait of 2.1 s
        assertThat(worstMillis.get()).as("longest wait for the event thread, ms, of a burst of %d ms", tookMillis)
                .isLessThan(Math.max(2_000, tookMillis / 3));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("GUI burst: %d lines drawn in %d ms; event thread answered within %d ms at worst; heap after: %d MB%n",
                lines, tookMillis, worstMillis.get(), (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
