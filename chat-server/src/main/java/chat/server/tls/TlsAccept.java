package chat.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** The server's side of a TLS connection on an accepted socket whose first byte was read to tell TLS from plain text. */
public final class TlsAccept {
    /** The first byte of every TLS connection: a handshake record. */
    public static final int HANDSHAKE_BYTE = 0x16;

    private TlsAccept() {}

    /**
     * Completes the handshake, TLS 1.3 only, on {@code socket}, whose first byte {@code first} was read
     * already; the returned socket closes {@code socket} when closed.
     */
    public static SSLSocket handshake(SSLContext context, Socket socket, int first) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, new ByteArrayInputStream(new byte[] {(byte) first}), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(new String[] {"TLSv1.3"});
        ssl.startHandshake();
        return ssl;
    }
}
