package chat.server;

import chat.server.config.ServerConfig;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A chat server on TLS with a self-signed certificate of its own (kept in {@code dir/tls}, as the server
 * keeps its own), for the tests that talk TLS to one: the one place they build it.
 */
public record TlsTestServer(ChatServer server, ServerCertificate certificate) implements AutoCloseable {

    /** Starts {@code config} on a free port, serving TLS with a certificate made in {@code dir}. */
    public static TlsTestServer start(Path dir, ServerConfig.Builder config) throws IOException {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        return new TlsTestServer(ChatServer.start(config.port(0).tls(certificate.sslContext()).build()), certificate);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
