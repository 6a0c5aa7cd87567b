package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    private static void trickle(ServerSocket listener) {
        try (Socket peer = listener.accept()) {
            OutputStream out = peer.getOutputStream();
            for (int i = 0; i < 2_000; i++) { // 100 s at most: the test's own timeout ends it first
                out.write('H');
                out.flush();
                Thread.sleep(50); // the peer's pace, not a wait for anything
            }
        } catch (IOException | InterruptedException e) {
            // the probe gave up and closed: what the test wants
        }
    }
}
