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

/**
 * What the socket tests talk: plain text, or with {@code -Dchat.test.tls=true} TLS, with one self-signed
 * certificate for the whole run. The build runs the hostile suite (ChatServerIT, HardeningIT, LimitsIT,
 * FuzzIT, OutputSecurityIT, FileTransferIT, AccountAttackIT) a second time that way (chat-server/pom.xml,
 * execution "over-tls"), so every guarantee they test holds over TLS too.
 */
public final class TestTransport {
    /** Whether this run talks TLS. */
    public static final boolean TLS = Boolean.getBoolean("chat.test.tls");

    private static ServerCertificate certificate; // guarded by the class
    private static SSLContext clientContext; // guarded by the class

    private TestTransport() {}

    /** {@code config}, served over TLS in a TLS run (unless it chose its own TLS already). */
    static ServerConfig adapt(ServerConfig c) throws IOException {
        if (!TLS || c.tls() != null) {
            return c;
        }
        SSLContext context = certificate().sslContext();
        return new ServerConfig(c.host(), c.port(), c.maxClients(), c.maxPerIp(), c.maxPending(), c.maxPendingPerIp(),
                c.connectBurst(), c.connectInterval(), c.maxLineBytes(), c.loginTimeout(), c.sendQueueLines(),
                c.sendQueueBytes(), c.writeTimeout(), c.rateLimit(), c.rateBurst(), c.rateBacklog(), c.floodDisconnect(),
                c.announceLimit(), c.closeGrace(), c.threads(), c.addresses(), () -> context, c.plainPort(), c.dataDir(),
                c.operators(), c.serverPassword(), c.allowPlainPasswords(), c.passwordIterations(), c.transfers(), c.history(),
                c.cluster(), c.accountChanges(), c.kickHold(), c.accountExpiryDays());
    }

    /** {@code plain}, connected, wrapped in TLS with the handshake done, in a TLS run; else {@code plain} itself. */
    static Socket wrap(Socket plain) throws IOException {
        if (!TLS) {
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
