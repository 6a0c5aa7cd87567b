package chat.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.tls.ServerCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A data connection over TLS, against a real TLS listener on loopback that answers OK and then reads nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataChannelIT {
    /**
     * The server's end of a data connection waiting for the other end of the transfer reads nothing: closing ours
     * (a cancel, a lost chat connection) must not wait for it. Closing TLS waited up to the read timeout, 120 s.
     */
    @Test
    void closingOverTlsDoesNotWaitForAServerEndThatIsNotReading(@TempDir Path dir) throws Exception {
        ServerCertificate certificate = ServerCertificate.selfSigned(dir, "localhost");
        CountDownLatch testOver = new CountDownLatch(1);
        try (ServerSocket listening = certificate.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serverEnd = new Thread(() -> {
                try (Socket data = listening.accept()) {
                    new BufferedReader(new InputStreamReader(data.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    OutputStream out = data.getOutputStream();
                    out.write("OK\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    testOver.await(); // waiting for a partner that never comes: reads nothing more
                } catch (Exception e) {
                    // the test's end
                }
            }, "test-data-server-end");
            serverEnd.start();
            try {
                DataChannel channel = DataChannel.open(InetAddress.getLoopbackAddress(), "localhost", listening.getLocalPort(),
                        certificate.certificate(), "token");
                long start = System.nanoTime();
                channel.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            } finally {
                testOver.countDown();
                serverEnd.join(10_000);
            }
        }
    }
}
