package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.server.ChatServer;
import chat.server.Opened;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #25, item 3: a password crosses the network unencrypted only with the person's word, and every password
 * question names the server and the account. A server driven by hand asks for a password on a plain connection
 * and records every line it hears, so what the client really sent is seen.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainPasswordIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Opened opened = new Opened();
    private List<String> heard; // what the hand-driven server read

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    /**
     * A server that asks for alice's password after each name: the first {@code wrong} answers are wrong, an
     * empty one gives up, and any other is welcomed.
     */
    private int serve(int wrong) throws IOException {
        HandDrivenServer server = opened.track(HandDrivenServer.start(ends -> {
            int wrongLeft = wrong;
            for (String line = ends.readLine(); line != null; line = ends.readLine()) {
                if (line.equals("alice")) {
                    ends.send("PASSWORD alice alice is registered; send its password");
                    String password = ends.readLine();
                    ends.send(password == null || password.isEmpty() || wrongLeft-- > 0
                            ? "ERROR PASSWORD_WRONG wrong password for alice; send the name again to try again"
                            : "WELCOME alice hi");
                }
            }
        }));
        heard = server.heard;
        return server.port();
    }

    private ChatSession session(int port, Recorder recorder) {
        return opened.track(new ChatSession("127.0.0.1", port, recorder, false));
    }

    @Test
    void aPersonWhoSaysNoSendsNoPasswordAndIsToldWhy() throws Exception {
        int port = serve(0);
        Recorder recorder = new Recorder();
        recorder.passwords.add("correct horse");
        ChatSession alice = session(port, recorder);
        alice.connect();
        ServerEvent answer = alice.login("alice");

        assertThat(recorder.confirmations).containsExactly("The connection to 127.0.0.1:" + port
                + " is not encrypted: anyone on the way can read the password for alice at 127.0.0.1:" + port + ". Send it anyway?");
        assertThat(recorder.questions).isEmpty(); // not even asked for it
        assertThat(heard).containsExactly("alice", ""); // an empty line gives up
        assertThat(answer).isEqualTo(new ServerEvent.Error(ErrorCode.PASSWORD_WRONG,
                "no password was given for alice, so the server did not let you in"));
    }

    @Test
    void aPersonWhoSaysYesIsAskedOnceNamingServerAndAccountAndAWrongPasswordIsAskedAgainWithoutTheName() throws Exception {
        int port = serve(1);
        Recorder recorder = new Recorder();
        recorder.agree = true;
        recorder.passwords.addAll(List.of("wrong horse", "correct horse"));
        ChatSession alice = session(port, recorder);
        alice.connect();

        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        assertThat(recorder.confirmations).hasSize(1);
        assertThat(recorder.questions).containsExactly("Password for alice at 127.0.0.1:" + port + ": ",
                "Wrong password. Password for alice at 127.0.0.1:" + port + ": ");
        assertThat(heard).startsWith("alice", "wrong horse", "alice", "correct horse");
    }

    @Test
    void registeringOverPlainTextAsksFirstAndSendsNothingOnNo(@TempDir Path dir) throws Exception {
        ChatServer server = opened.track(ChatServer.start(ServerConfig.builder().port(0).dataDir(dir)
                .passwordIterations(1000).allowPlainPasswords(true).build()));
        Recorder recorder = new Recorder();
        recorder.passwords.addAll(List.of("correct horse", "correct horse"));
        ChatSession alice = session(server.port(), recorder);
        alice.connect();
        alice.login("alice");
        assertThatThrownBy(() -> alice.send("/register")).hasMessage("no password was sent unencrypted; connect with --tls for that");
        assertThatThrownBy(() -> alice.send("/register correct horse")).hasMessage("no password was sent unencrypted; connect with --tls for that");
        assertThat(recorder.confirmations).hasSize(2).allMatch(q -> q.contains("your new password"));
        assertThat(recorder.questions).isEmpty();

        recorder.agree = true;
        alice.send("/register");
        await().atMost(WAIT).until(() -> recorder.events.stream()
                .anyMatch(e -> e instanceof ServerEvent.Info i && i.text().startsWith("alice is registered now")));
        assertThat(recorder.questions).containsExactly("New password for alice at 127.0.0.1:" + server.port() + ": ",
                "The same again: ");
        assertThat(recorder.events).anyMatch(e -> e instanceof ServerEvent.Info i // said while the server hashes it
                && i.text().equals("Setting the password of alice... (the server takes a second or two to store it safely)"));
    }

    @Test
    void overTlsNobodyIsAskedAboutEncryption(@TempDir Path dir) throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir.resolve("cert"), "localhost");
        ChatServer server = opened.track(ChatServer.start(ServerConfig.builder().port(0).tls(certificate.sslContext())
                .dataDir(dir.resolve("data")).passwordIterations(1000).build()));
        try (TestLineClient owner = TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "alice")) {
            owner.send("/register correct horse");
            owner.awaitLine("INFO alice is registered now");
        }
        await().atMost(WAIT).until(() -> !server.onlineNames().contains("alice"));
        Recorder recorder = new Recorder();
        recorder.passwords.add("correct horse");
        TlsTrust trust = new TlsTrust(new KnownServers(dir.resolve("known")), certificate.fingerprint(), (s, f) -> false, null);
        ChatSession alice = opened.track(new ChatSession("127.0.0.1", server.port(), recorder, false, trust));
        alice.connect();
        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        assertThat(recorder.confirmations).isEmpty();
        assertThat(recorder.questions).containsExactly("Password for alice at 127.0.0.1:" + server.port() + ": ");
    }
}
