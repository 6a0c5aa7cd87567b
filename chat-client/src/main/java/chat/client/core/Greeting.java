package chat.client.core;

import chat.common.net.HostPort;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import java.io.IOException;

/**
 * Opens a connection and reads what answers first: a chat server's greeting, or one sentence for a person
 * saying what answered instead (a TLS-only server, a file transfer port, a refusal, something else).
 */
final class Greeting {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int GREETING_TIMEOUT_MILLIS = 30_000; // also the login's: a server that stalls is left

    private Greeting() {
    }

    /**
     * A connection to {@code host:port} whose server greeted; its read timeout stays set for the login.
     *
     * @throws IOException with a sentence for a person ("Cannot connect to host:port: connection refused")
     */
    static ServerConnection open(String host, int port, TlsTrust tls, EventReader reader) throws IOException {
        ServerConnection c = ServerConnection.open(host, port, CONNECT_TIMEOUT_MILLIS, tls);
        String server = HostPort.format(host, port);
        try {
            c.setReadTimeout(GREETING_TIMEOUT_MILLIS);
            ServerEvent hello;
            try {
                hello = reader.next(c, false);
            } catch (IOException e) {
                throw new IOException("The connection to " + server + " was lost before it greeted: " + e.getMessage(), e);
            }
            if (hello instanceof ServerEvent.Error e && e.code() == ErrorCode.TLS_REQUIRED) {
                throw new IOException("The server at " + server + " speaks TLS only; connect with --tls");
            }
            if (hello instanceof ServerEvent.Error e && e.code() == ErrorCode.TRANSFER_PORT) {
                throw new IOException(server + " is a chat server's file transfer port; its chat port is probably "
                        + HostPort.format(host, port - 1));
            }
            if (hello instanceof ServerEvent.Error e) {
                throw new IOException("The server at " + server + " answered: " + e.text());
            }
            if (!(hello instanceof ServerEvent.Hello)) {
                throw new IOException("The server at " + server + " did not greet like a chat server");
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }
}
