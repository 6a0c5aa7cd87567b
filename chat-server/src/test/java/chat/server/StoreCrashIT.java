package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.RoomName;
import chat.server.store.SqliteStore;
import chat.server.store.StoredLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public line is durable once it has been echoed to its sender (docs/DESIGN.md, "The store"): the server jar,
 * killed with SIGKILL while its members flood, has every line it echoed in its store when the store is opened
 * again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreCrashIT {
    private static final Path SERVER_JAR = Path.of("target", "server.jar");
    private static final int SENDERS = 4;
    private static final int LINES_EACH = 20_000; // bounds the flood; the kill comes long before
    private static final int KILL_AFTER_ECHOES = 2_000;

    @TempDir
    Path data;

    @Test
    void everyLineEchoedToItsSenderIsInTheStoreAfterAKillNine() throws Exception {
        Set<String> echoed = ConcurrentHashMap.newKeySet();
        ExecutorService flood = Executors.newFixedThreadPool(2 * SENDERS);
        // flood control off, and send queues that hold the whole flood: a member's echo waits for the store, and
        // on a busy machine the store falls behind an unpaced flood (never a chat's pace with flood control on)
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--data-dir", data.toString(),
                "--rate-limit", "off", "--connect-throttle", "off", "--max-per-ip", "0",
                "--send-queue-lines", "1000000", "--send-queue-bytes", "268435456")) {
            int port = server.listeningPort(Duration.ofSeconds(30));
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                String name = "sender" + i;
                TestLineClient client = TestLineClient.login(port, name);
                running.add(flood.submit(() -> send(client, name)));
                running.add(flood.submit(() -> readEchoes(client, name, echoed)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> echoed.size() >= KILL_AFTER_ECHOES);
            server.kill(); // SIGKILL: lines on their way to the disk included
            server.awaitExit(Duration.ofSeconds(30));
            for (Future<?> f : running) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // the connection broke under the kill: expected
                }
            }
        } finally {
            flood.shutdownNow();
        }
        Set<String> kept;
        try (SqliteStore store = SqliteStore.open(data)) {
            kept = store.latest(RoomName.DEFAULT.key(), 10 * SENDERS * LINES_EACH).stream()
                    .map(StoredLine::line)
                    .map(line -> new String(line, StandardCharsets.UTF_8).strip())
                    .collect(Collectors.toSet());
        }
        Set<String> lost = new java.util.TreeSet<>(echoed);
        lost.removeAll(kept);
        assertThat(lost).as("echoed, not in the store").isEmpty();
        System.out.printf("killed after %d echoes: all of them among the %d lines in the store%n", echoed.size(), kept.size());
    }

    private static Void send(TestLineClient client, String name) throws IOException {
        for (int n = 0; n < LINES_EACH; n++) {
            client.send(name + " line " + n);
        }
        return null;
    }

    private static Void readEchoes(TestLineClient client, String name, Set<String> echoed) throws IOException {
        String mine = "MSG " + name + " ";
        try (client) {
            for (String line = client.readLine(); line != null; line = client.readLine()) {
                if (line.startsWith(mine)) {
                    echoed.add(line);
                }
            }
        }
        return null;
    }
}
