package chat.server.admission;

import java.io.IOException;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * Options every accepted socket gets. TCP_NODELAY: chat lines are small and must leave at once.
 * Keepalive with short timers: an idle peer that vanished (power loss, cable pulled, NAT forgot us) is
 * found after about {@code KEEPALIVE_IDLE_SECONDS + KEEPALIVE_COUNT * KEEPALIVE_INTERVAL_SECONDS}, not
 * the system's default of over two hours. A peer that vanishes while data waits for it is found by the
 * write timeout instead (see docs/RELIABILITY.md).
 */
public final class SocketTuning {
    public static final int KEEPALIVE_IDLE_SECONDS = 60;
    static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    static final int KEEPALIVE_COUNT = 3;

    private SocketTuning() {}

    public static void apply(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_COUNT);
        } catch (UnsupportedOperationException e) {
            // not on this platform: the system's keepalive timers apply
        }
    }
}
