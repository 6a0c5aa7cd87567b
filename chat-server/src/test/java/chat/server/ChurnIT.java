package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Churn: {@code -Dchurn.connections} (default 1,200) connections join and leave, by clean quit, abrupt close
 * and reset, while two steady clients exchange messages. The steady clients must get all of each other's
 * messages; afterwards the roster is empty and every session thread has ended.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ChurnIT {
    private static final int CONNECTIONS = Integer.getInteger("churn.connections", 1200);
    private static final int WORKERS = 8;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private ChatServer server;

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void joinsAndLeavesOfManyLeaveNothingBehind() throws Exception {
        server = ChatServer.start(ChatServerIT.base().maxClients(10_000).build());
        int port = server.port();
        AtomicInteger quits = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger resets = new AtomicInteger();
        int steadyMessages;
        try (TestLineClient steadyA = TestLineClient.login(port, "steadyA");
                TestLineClient steadyB = TestLineClient.login(port, "steadyB")) {
            List<Future<?>> workers = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> churn(port, next, quits, closes, resets)));
            }
            // The steady pair talks in turns while the churn goes on: each waits for the other's line.
            steadyMessages = 0;
            while (!allDone(workers)) {
                steadyA.send("a" + steadyMessages);
                assertThat(steadyB.awaitLine("MSG steadyA")).isEqualTo("MSG steadyA a" + steadyMessages);
                steadyB.send("b" + steadyMessages);
                assertThat(steadyA.awaitLine("MSG steadyB")).isEqualTo("MSG steadyB b" + steadyMessages);
                steadyMessages++;
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> server.connectionCount() == 2);
            steadyA.send("/list");
            assertThat(steadyA.awaitLine("USERS")).isEqualTo("USERS steadyA steadyB");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> server.connectionCount() == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> server.sessionThreadCount() == 0);
        assertThat(server.onlineNames()).isEmpty();
        // sessionThreadCount counts virtual threads too; this looks at the JVM's own list of platform threads
        await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("session-")));
        System.out.printf("churn: %d connections (%d quit, %d closed, %d reset); %d steady round trips meanwhile%n",
                CONNECTIONS, quits.get(), closes.get(), resets.get(), steadyMessages);
    }

    private static boolean allDone(List<Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    private static Void churn(int port, AtomicInteger next, AtomicInteger quits, AtomicInteger closes, AtomicInteger resets)
            throws IOException {
        for (int i = next.getAndIncrement(); i < CONNECTIONS; i = next.getAndIncrement()) {
            TestLineClient c = TestLineClient.login(port, "churn" + i);
            c.send("hello from " + i);
            c.awaitLine("MSG churn" + i + " ");
            switch (i % 3) {
                case 0:
                    c.send("/quit");
                    assertThat(c.readToEnd()).last().isEqualTo("BYE goodbye");
                    c.close();
                    quits.incrementAndGet();
                    break;
                case 1:
                    c.close();
                    closes.incrementAndGet();
                    break;
                default:
                    c.reset();
                    resets.incrementAndGet();
                    break;
            }
        }
        return null;
    }
}
