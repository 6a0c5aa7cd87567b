package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.client.SamePort;
import chat.common.protocol.ServerEvent;
import chat.server.ChatServer;
import chat.server.Opened;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client core over TLS against a real TLS server: how it decides to trust, and what it says when not. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsSessionIT {
    @TempDir
    Path dir;
    private final Opened opened = new Opened();
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        opened.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    private ServerCertificate certificate() throws IOException {
        return ServerCertificate.selfSigned(dir.resolve("server"), "localhost");
    }

    private ChatServer tlsServer(ServerCertificate certificate) throws IOException {
        return track(ChatServer.start(ServerConfig.builder().port(0).tls(certificate.sslContext()).build()));
    }

    private KnownServers known() {
        return new KnownServers(dir.resolve("config/chat/known_servers"));
    }

    private TlsTrust trust(String pinned, boolean answer, KeyStore authorities) {
        return new TlsTrust(known(), pinned, (server, fingerprint) -> {
            asked.incrementAndGet();
            return answer;
        }, authorities);
    }

    private ChatSession session(int port, TlsTrust tls) {
        return track(new ChatSession("127.0.0.1", port, new Recorder(), false, tls));
    }

    @Test
    void aNewCertificateIsAskedAboutOnceThenRememberedAndTheChatIsEncrypted() throws Exception {
        ServerCertificate certificate = certificate();
        ChatServer server = tlsServer(certificate);
        ChatSession first = session(server.port(), trust(null, true, null));
        first.connect();
        assertThat(first.security()).isEqualTo("TLS 1.3, certificate " + certificate.fingerprint() + " (trusted now, on first use)");
        assertThat(first.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        assertThat(Files.readString(known().path())).contains("127.0.0.1:" + server.port() + " " + certificate.fingerprint());

        ChatSession again = session(server.port(), trust(null, true, null));
        again.connect();
        assertThat(again.security()).endsWith("(trusted since first use)");
        assertThat(asked).hasValue(1);
    }

    @Test
    void aCertificateChangedWhileReconnectingIsSaidOnceAndEndsTheTrying() throws Exception {
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).tls(certificate().sslContext()).build());
        int port = first.port();
        Recorder recorder = new Recorder();
        ChatSession alice = track(new ChatSession("127.0.0.1", port, recorder, true, trust(null, true, null)));
        alice.connect();
        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        first.close();
        ServerCertificate other = ServerCertificate.selfSigned(dir.resolve("other"), "localhost");
        track(SamePort.startAgain(ServerConfig.builder().tls(other.sslContext()), port));
        assertThat(alice.awaitEnd(60, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.states).last().isEqualTo(ConnectionState.CLOSED);
        assertThat(recorder.details).last().asString().startsWith("WARNING: the certificate of 127.0.0.1:" + port + " has CHANGED");
        assertThat(recorder.details).filteredOn(d -> d.contains("CHANGED")).hasSize(1);
        assertThat(alice.left()).isFalse();
    }

    @Test
    void aChangedCertificateIsRefusedLoudlySayingHowToAcceptIt() throws Exception {
        ServerCertificate certificate = certificate();
        ChatServer server = tlsServer(certificate);
        known().remember("127.0.0.1:" + server.port(), "SHA256:" + "A".repeat(43));
        assertThatThrownBy(() -> session(server.port(), trust(null, true, null)).connect())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("WARNING: the certificate of 127.0.0.1:" + server.port() + " has CHANGED")
                .hasMessageContaining("it was SHA256:AAAA")
                .hasMessageContaining("now it is " + certificate.fingerprint())
                .hasMessageContaining(known().path().toString())
                .hasMessageContaining("--fingerprint " + certificate.fingerprint());
        assertThat(asked).hasValue(0); // not even asked
    }

    @Test
    void aPinnedFingerprintIsTheOnlyOneAccepted() throws Exception {
        ServerCertificate certificate = certificate();
        ChatServer server = tlsServer(certificate);
        ChatSession pinned = session(server.port(), trust(certificate.fingerprint(), false, null));
        pinned.connect();
        assertThat(pinned.security()).endsWith("(pinned)");
        String other = "SHA256:" + "B".repeat(43);
        assertThatThrownBy(() -> session(server.port(), trust(other, true, null)).connect())
                .hasMessageContaining("not the one given with --fingerprint (" + other + ")");
        assertThat(asked).hasValue(0);
        assertThat(known().path()).doesNotExist(); // pinning remembers nothing
    }

    @Test
    void aDeclinedCertificateIsNotConnectedNorRemembered() throws Exception {
        ChatServer server = tlsServer(certificate());
        assertThatThrownBy(() -> session(server.port(), trust(null, false, null)).connect())
                .hasMessage("Not connected: you did not trust the certificate of 127.0.0.1:" + server.port() + ".");
        assertThat(known().path()).doesNotExist();
    }

    @Test
    void aCertificateFromATrustedAuthorityIsCheckedWithoutAsking() throws Exception {
        ServerCertificate certificate = certificate();
        ChatServer server = tlsServer(certificate);
        KeyStore authorities = KeyStore.getInstance("PKCS12");
        authorities.load(null, null);
        authorities.setCertificateEntry("test authority", certificate.certificate()); // as if a CA had issued it
        ChatSession session = session(server.port(), trust(null, false, authorities));
        session.connect();
        assertThat(session.security()).isEqualTo("TLS 1.3, certificate verified by a certificate authority");
        assertThat(asked).hasValue(0);
    }

    @Test
    void plainAndTlsMismatchesAreSaidPlainly() throws Exception {
        ChatServer tlsServer = tlsServer(certificate());
        assertThatThrownBy(() -> session(tlsServer.port(), null).connect())
                .hasMessage("The server at 127.0.0.1:" + tlsServer.port() + " speaks TLS only; connect with --tls");
        ChatServer plainServer = track(ChatServer.start(ServerConfig.builder().port(0).build()));
        assertThatThrownBy(() -> session(plainServer.port(), trust(null, true, null)).connect())
                .hasMessage("The server at 127.0.0.1:" + plainServer.port() + " does not speak TLS; connect without --tls");
        track(TestLineClient.login(plainServer.port(), "still-fine")); // and the server goes on
    }
}
