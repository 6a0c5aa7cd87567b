package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM to server.jar while 200 clients chat: every client gets BYE and the process exits 0, promptly. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShutdownUnderLoadIT {
    private static final int CLIENTS = 200;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<TestLineClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        ticker.shutdownNow();
        pool.shutdownNow();
        for (TestLineClient c : clients) {
            c.close();
        }
    }

    @Test
    void sigtermWhileTwoHundredChatSaysByeToAllAndExitsZero() throws Exception {
        try (JarProcess server = JarProcess.start(ChatServerJarIT.SERVER_JAR,
                "--port", "0", "--max-per-ip", "0", "--max-pending-per-ip", "0",
                "--connect-throttle", "off", "--rate-limit", "off")) {
            int port = ChatServerJarIT.awaitListening(server);
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(TestLineClient.login(port, "c" + i));
            }
            AtomicInteger messagesSeen = new AtomicInteger();
            CountDownLatch chatting = new CountDownLatch(500);
            List<Future<String>> lastLines = new ArrayList<>();
            for (TestLineClient c : clients) {
                lastLines.add(pool.submit(() -> {
                    String last = null;
                    for (String line = c.readLine(); line != null; line = c.readLine()) {
                        last = line;
                        if (line.startsWith("MSG ")) {
                            messagesSeen.incrementAndGet();
                            chatting.countDown();
                        }
                    }
                    return last;
                }));
            }
            Random random = new Random(42);
            ticker.scheduleAtFixedRate(() -> {
                try {
                    clients.get(random.nextInt(CLIENTS)).send("chatter " + System.nanoTime());
                } catch (IOException e) {
                    // the server is going away: expected at the end
                }
            }, 0, 2, TimeUnit.MILLISECONDS);
            assertThat(chatting.await(60, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            server.terminate();
            int status = server.awaitExit(Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(status).isZero();
            assertThat(seconds).isLessThan(10);
            for (Future<String> last : lastLines) {
                assertThat(last.get(30, TimeUnit.SECONDS)).isEqualTo("BYE server shutting down");
            }
            System.out.printf("shutdown: %d clients chatting (%d deliveries seen), all got BYE; exit 0 after %.2f s%n",
                    CLIENTS, messagesSeen.get(), seconds);
        }
    }
}
