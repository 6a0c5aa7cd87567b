package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --status}'s probe gives up at its deadline, whatever the other end does (the happy paths: ChatServerJarIT). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusProbeTest {

    /** A peer that sends a byte every 50 ms and never a whole line: each read is quick, the question never ends. */
    @Test
    void aPeerThatTricklesBytesIsGivenUpOnAtTheDeadline() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> trickle(listener), "test-trickler");
            trickler.setDaemon(true);
            trickler.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> StatusProbe.ask("127.0.0.1", listener.getLocalPort(), 1_000))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no chat server answering at 127.0.0.1:" + listener.getLocalPort() + ": Read timed out");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(20_000);
        }
    }

    /** A byte, then up to 50 ms waiting for the probe to close (its end), again, 2,000 times at most. */
    private static void trickle(ServerSocket listener) {
        try (Socket peer = listener.accept()) {
            OutputStream out = peer.getOutputStream();
            peer.setSoTimeout(50);
            for (int i = 0; i < 2_000; i++) {
                out.write('H');
                out.flush();
                try {
                    if (peer.getInputStream().read() < 0) {
                        return; // the probe gave up and closed
                    }
                } catch (SocketTimeoutException stillThere) {
                    // the probe is still asking: the next byte
                }
            }
        } catch (IOException e) {
            // the probe gave up and closed: what the test wants
        }
    }
}
