package chat.common.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;

/** Closing a socket without waiting on its peer. */
public final class Sockets {
    private Sockets() {}

    /**
     * Closes {@code socket} at once. Closing TLS 1.3 sends close_notify, then reads for up to the read timeout
     * (not at all without one) for the peer's next record; a peer that is not reading (a data connection waiting
     * for its partner, a server that hangs) sends none, and the closing thread waited that long. Whoever closes
     * has stopped reading: nothing is lost by not waiting.
     */
    public static void closeNow(Socket socket) throws IOException {
        if (socket instanceof SSLSocket) {
            try {
                socket.setSoTimeout(0);
            } catch (SocketException closedAlready) {
                // closed meanwhile: closing again is harmless
            }
        }
        socket.close();
    }
}
