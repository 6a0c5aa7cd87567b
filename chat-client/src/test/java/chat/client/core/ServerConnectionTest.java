package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerConnectionTest {

    /**
     * A socket given the very port it connects to, as the kernel may do while a client retries a local
     * server that is down: TCP connects it to itself (simultaneous open), and it must count as refused.
     */
    @Test
    void aConnectionThatReachedItselfIsRefused() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 5_000);
            assertThat(socket.isConnected()).as("TCP connected the socket to itself").isTrue();

            assertThatThrownBy(() -> ServerConnection.refuseItself(socket))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageStartingWith("Connection refused");
        }
    }

    @Test
    void aConnectionToAListeningServerIsKept() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            ServerConnection.refuseItself(socket);
            assertThat(accepted.isConnected()).isTrue();
        }
    }
}
