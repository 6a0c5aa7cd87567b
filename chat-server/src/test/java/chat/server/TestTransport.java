package chat.server;

import chat.common.tls.PinnedTrust;
import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the socket tests talk: plain text, or TLS (with one self-signed certificate for the whole JVM) while a
 * class marked {@code @ExtendWith(TestTransport.OverTls.class)} runs. The hostile suites where TLS changes what
 * is under test run a second time that way, each through a subclass named {@code ...OverTlsIT} that says why,
 * so every guarantee they test holds over TLS too.
 */
public final class TestTransport {
    // Set for one class at a time: a test JVM runs its classes one after another, and what a class starts
    // (servers, clients, their threads) ends with it. A class whose own tests run at once (ChatServerJarIT) may let
    // JUnit start the next class before it ends when one JVM runs them all (-Dit.forks=1), so each ...OverTlsIT
    // is @Isolated: nothing runs beside it.
    private static volatile boolean tls;

    private static ServerCertificate certificate; // guarded by the class
    private static SSLContext clientContext; // guarded by the class

    private TestTransport() {}

    /** Runs the class it extends over TLS: its servers serve TLS, its test clients speak it. Mark the class @Isolated. */
    public static final class OverTls implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            tls = true;
        }

        @Override
        public void afterAll(ExtensionContext context) {
            tls = false;
        }
    }

    /** Whether the running class talks TLS. */
    static boolean tls() {
        return tls;
    }

    /** {@code config}, served over TLS in a TLS run (unless it chose its own TLS already). */
    static ServerConfig adapt(ServerConfig c) throws IOException {
        if (!tls || c.tls() != null) {
            return c;
        }
        SSLContext context = certificate().sslContext();
        return new ServerConfig(c.host(), c.port(), c.maxClients(), c.maxPerIp(), c.maxPending(), c.maxPendingPerIp(),
                c.connectBurst(), c.connectInterval(), c.maxLineBytes(), c.loginTimeout(), c.sendQueueLines(),
                c.sendQueueBytes(), c.writeTimeout(), c.rateLimit(), c.rateBurst(), c.rateBacklog(), c.floodDisconnect(),
                c.announceLimit(), c.closeGrace(), c.threads(), c.addresses(), () -> context, c.plainPort(), c.dataDir(),
                c.operators(), c.serverPassword(), c.allowPlainPasswords(), c.passwordIterations(), c.minPasswordChars(), c.transfers(), c.history(),
                c.cluster(), c.accountChanges(), c.kickHold(), c.accountExpiryDays(), c.rooms(), c.historyDays(),
                c.storeDatabase(), c.ircPort(), c.ircName());
    }

    /** {@code plain}, connected, wrapped in TLS with the handshake done, in a TLS run; else {@code plain} itself. */
    static Socket wrap(Socket plain) throws IOException {
        if (!tls) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) clientContext().getSocketFactory()
                .createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.setSoTimeout(plain.getSoTimeout());
        tls.startHandshake();
        return tls;
    }

    static synchronized ServerCertificate certificate() {
        if (certificate == null) {
            try {
                certificate = ServerCertificate.selfSigned(Files.createTempDirectory("chat-test-tls"), "localhost");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return certificate;
    }

    /** A client context that trusts exactly {@code trusted}, TLS 1.3. */
    static SSLContext trusting(X509Certificate trusted) throws IOException {
        return PinnedTrust.context(trusted);
    }

    private static synchronized SSLContext clientContext() throws IOException {
        if (clientContext == null) {
            clientContext = trusting(certificate().certificate());
        }
        return clientContext;
    }
}
