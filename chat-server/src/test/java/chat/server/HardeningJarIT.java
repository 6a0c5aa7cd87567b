package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.command.CommandHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The hardening faults that need the server as a process: a log output nobody reads, what reaches the log,
 * resident memory after a flood, and the whole process stopped and resumed (SIGSTOP/SIGCONT). The tests run at
 * once (two of them mostly wait: a stall of 20 s, a pipe nobody reads), each server with a data directory of its own.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@Execution(ExecutionMode.CONCURRENT)
class HardeningJarIT {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @Test
    void logOutputNobodyReadsNeverHoldsUpServing(@TempDir Path data) throws Exception {
        int port = freePort();
        List<String> command = List.of(javaBinary(), "-jar", ChatServerJarIT.SERVER_JAR.toString(), "--port", String.valueOf(port),
                "--data-dir", data.toString(), "--transfer-port", "0", "--connect-throttle", "off", "--max-pending-per-ip", "0", "--max-per-ip", "0", "--rate-limit", "off");
        // stdout and stderr go to a pipe this test never reads: once the pipe (64 KiB) is full, every write blocks
        Process server = JarProcess.withRunHome(new ProcessBuilder(command).redirectErrorStream(true)).start();
        try {
            await().atMost(STARTUP).ignoreExceptions().until(() -> {
                try (Socket probe = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            // about 4,000 log lines (a login and a leave each): more than the pipe and the appender's queue hold
            for (int i = 0; i < 2000; i++) {
                try (TestLineClient c = TestLineClient.login(port, "user" + i)) {
                    c.send("/quit");
                    c.readToEnd();
                }
            }
            // still serving: a newcomer is greeted and logged in, a leaver gets its goodbye
            try (TestLineClient alice = TestLineClient.login(port, "alice")) {
                alice.send("/quit");
                assertThat(alice.readToEnd()).last().isEqualTo("BYE goodbye");
            }
            // once someone reads the log again, it says how much it dropped
            Future<List<String>> log = Executors.newSingleThreadExecutor().submit(() -> readLines(server));
            try (TestLineClient bob = TestLineClient.login(port, "bob")) {
                bob.send("/quit");
                bob.readToEnd();
            }
            server.toHandle().destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.get(30, TimeUnit.SECONDS)).anyMatch(l -> l.matches(".*WARN .*\\d+ log lines were dropped: the log output was not keeping up"));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void quitReasonsNeverReachTheLogAtInfo(@TempDir Path data) throws Exception {
        try (JarProcess server = JarProcess.start(ChatServerJarIT.SERVER_JAR, "--port", "0", "--data-dir", data.toString())) {
            int port = ChatServerJarIT.awaitListening(server);
            try (TestLineClient alice = TestLineClient.login(port, "alice");
                    TestLineClient bob = TestLineClient.login("127.0.0.2", port, "bob")) {
                bob.send("/quit my secret reason " + "z".repeat(3000));
                String leave = alice.awaitLine("LEAVE bob ");
                assertThat(leave).startsWith("LEAVE bob quit: my secret reason zzz");
                assertThat(leave.length()).isEqualTo("LEAVE bob quit: ".length() + CommandHandler.MAX_QUIT_REASON_CHARS);
                server.awaitLine("bob left \\(quit\\)", STARTUP);
            }
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(server.output()).noneMatch(l -> l.contains("secret"));
        }
    }

    @Test
    void floodOfBlankLinesLeavesNoLastingMemory(@TempDir Path data) throws Exception {
        try (JarProcess server = JarProcess.start(ChatServerJarIT.SERVER_JAR, "--port", "0", "--data-dir", data.toString())) {
            int port = ChatServerJarIT.awaitListening(server);
            long before = residentKb(server.pid());
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) '\n');
            int disconnects = 0;
            long sent = 0;
            long start = System.nanoTime();
            // 10 s of newline floods from 10 addresses, reconnecting whenever cut off
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<long[]>> floods = new ArrayList<>();
                for (int host = 1; host <= 10; host++) {
                    String address = "127.0.4." + host;
                    floods.add(pool.submit(() -> flood(address, port, block, start + TimeUnit.SECONDS.toNanos(10))));
                }
                for (Future<long[]> f : floods) {
                    long[] result = f.get(60, TimeUnit.SECONDS);
                    sent += result[0];
                    disconnects += (int) result[1];
                }
            } finally {
                pool.shutdownNow();
            }
            try (TestLineClient alice = TestLineClient.login(port, "alice")) {
                alice.send("after the flood");
                assertThat(alice.awaitLine("MSG ")).isEqualTo("MSG alice after the flood");
            }
            long after = residentKb(server.pid());
            System.out.printf("blank-line flood: %d MB sent in 10 s, %d disconnects; RSS %d MB before, %d MB after%n",
                    sent >> 20, disconnects, before >> 10, after >> 10);
            assertThat(disconnects).as("floods end in a disconnect").isPositive();
            assertThat(after - before).as("RSS growth in KB").isLessThan(100 * 1024);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    /** Floods newlines from {@code address} until the deadline; returns bytes sent and disconnects seen. */
    private static long[] flood(String address, int port, byte[] block, long deadline) {
        long sent = 0;
        long disconnects = 0;
        while (System.nanoTime() < deadline) {
            try (TestLineClient c = TestLineClient.connectRaw(address, port, 0)) {
                c.socket().setSoTimeout(2000);
                while (System.nanoTime() < deadline) {
                    c.sendRaw(block);
                    sent += block.length;
                }
            } catch (IOException | AssertionError e) {
                disconnects++;
            }
        }
        return new long[] {sent, disconnects};
    }

    @Test
    void clientsLoseNothingWhenTheServerIsStoppedAndResumed(@TempDir Path data) throws Exception {
        try (JarProcess server = JarProcess.start(ChatServerJarIT.SERVER_JAR, "--port", "0", "--data-dir", data.toString())) {
            int port = ChatServerJarIT.awaitListening(server);
            List<TestLineClient> clients = new ArrayList<>();
            try {
                for (int host = 2; host <= 4; host++) {
                    clients.add(TestLineClient.login("127.0.0." + host, port, "h" + host));
                }
                TestLineClient reader = clients.get(0);
                int perClient = 30;
                Ticker ticker = new Ticker();
                List<CompletableFuture<Void>> senders = new ArrayList<>();
                for (TestLineClient c : clients) {
                    AtomicInteger tick = new AtomicInteger();
                    // one line a second: an honest person
                    senders.add(ticker.repeat(perClient, Duration.ofSeconds(1), () -> c.send("tick " + tick.getAndIncrement())));
                }
                // the server stalls for 20 s after 3 s; the lines pile up in its sockets meanwhile
                ticker.after(Duration.ofSeconds(3), () -> signal("STOP", server.pid())).get(60, TimeUnit.SECONDS);
                ticker.after(Duration.ofSeconds(20), () -> signal("CONT", server.pid())).get(60, TimeUnit.SECONDS);
                List<String> errors = new ArrayList<>();
                int messages = 0;
                while (messages < perClient * clients.size()) {
                    String line = reader.readLine();
                    if (line.startsWith("MSG ")) {
                        messages++;
                    } else if (line.startsWith("ERROR ")) {
                        errors.add(line);
                    }
                }
                for (CompletableFuture<Void> s : senders) {
                    s.get(60, TimeUnit.SECONDS);
                }
                ticker.close();
                assertThat(errors).isEmpty();
                System.out.printf("server stalled 20 s: %d of %d lines arrived%n", messages, perClient * clients.size());
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(server.pid())).start().waitFor(10, TimeUnit.SECONDS);
                for (TestLineClient c : clients) {
                    c.close();
                }
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static long residentKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }

    private static List<String> readLines(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
