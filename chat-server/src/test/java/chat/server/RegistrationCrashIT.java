package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.accounts.Accounts;
import chat.server.store.SqliteStore;
import chat.server.store.Store;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar, with its real 600,000-iteration hashes, killed with SIGKILL during a storm of
 * registrations over the protocol: its store loads, with every registration it acknowledged.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegistrationCrashIT {
    private static final Path SERVER_JAR = Path.of("target", "server.jar");
    private static final int CLIENTS = 6;
    private static final int KILL_AFTER = 12; // each registration is a third of a second of hashing
    private static final int VERIFIED = 3; // acknowledged names whose password is checked too (as long again each)

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRegistrationSurvivesAKillNineOfTheServer() throws Exception {
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService storm = Executors.newFixedThreadPool(CLIENTS);
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--data-dir", data.toString(), "--allow-plain-passwords",
                "--rate-limit", "off", "--connect-throttle", "off", "--max-per-ip", "0", "--max-pending-per-ip", "0", "--account-changes", "off")) {
            int port = server.listeningPort(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                running.add(storm.submit(() -> {
                    while (System.nanoTime() < deadline) { // ends when the server is killed: the socket fails
                        String name = "user" + next.getAndIncrement();
                        try (TestLineClient c = TestLineClient.login(port, name)) {
                            c.send("/register pw-" + name + "-long");
                            c.awaitLine("INFO " + name + " is registered now");
                            acknowledged.add(name);
                        }
                    }
                    return null;
                }));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= KILL_AFTER);
            server.kill(); // SIGKILL: wherever it was, registrations on their way included
            server.awaitExit(Duration.ofSeconds(30));
            for (var f : running) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // the connection broke under the kill: expected
                }
            }
        } finally {
            storm.shutdownNow();
        }
        Accounts survived;
        try (Store store = SqliteStore.open(data)) { // where a single server keeps its accounts
            survived = Accounts.inTable(store, 1_000);
        }
        for (String name : acknowledged) {
            assertThat(survived.isRegistered(name)).as(name).isTrue();
        }
        for (String name : acknowledged.stream().sorted().limit(VERIFIED).toList()) {
            assertThat(survived.verify(name, ("pw-" + name + "-long").toCharArray())).as(name).isTrue();
        }
        assertThat(survived.size()).isBetween(acknowledged.size(), acknowledged.size() + CLIENTS); // at most those on their way
        System.out.printf("server killed after %d acknowledged registrations: store loads, %d in it%n", acknowledged.size(), survived.size());
    }
}
