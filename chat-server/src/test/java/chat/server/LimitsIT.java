package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.admission.SocketTuning;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.config.ThreadKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The limits a public server needs, each against a real server over loopback sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LimitsIT {
    private final TestResources resources = new TestResources();
    private final ExecutorService pool = resources.pool;
    private ChatServer server;

    private int start(ServerConfig config) throws IOException {
        server = resources.start(config);
        return server.port();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return resources.track(closeable);
    }

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    @Test
    void flooderIsRateLimitedThenDisconnectedWhileOthersChatPromptly() throws Exception {
        int port = start(ServerConfig.builder().port(0).build()); // defaults: 5 lines/s, bursts of 10, 100 refusals
        // three hosts: the allowance is per address
        TestLineClient alice = track(TestLineClient.login("127.0.0.2", port, "alice"));
        TestLineClient bob = track(TestLineClient.login("127.0.0.3", port, "bob"));
        TestLineClient flooder = track(TestLineClient.login(port, "flooder"));
        Future<List<String>> flooderSaw = pool.submit(flooder::readToEnd);
        pool.submit(() -> {
            for (int i = 0; i < 2000; i++) {
                flooder.send("spam " + i);
            }
            return null;
        });
        List<String> floodSeen = new ArrayList<>();
        String leave;
        while (true) {
            String line = bob.readLine();
            if (line.startsWith("MSG flooder ")) {
                floodSeen.add(line);
            } else if (line.startsWith("LEAVE flooder ")) {
                leave = line;
                break;
            }
        }
        assertThat(leave).isEqualTo("LEAVE flooder " + ServerText.BYE_FLOODING);
        // the burst (less the login line), plus what the rate refilled while the flood lasted
        assertThat(floodSeen.size()).isBetween(9, 30);
        List<String> flooderLines = flooderSaw.get(60, TimeUnit.SECONDS);
        assertThat(flooderLines).anyMatch(l -> l.matches("ERROR RATE_LIMITED you are sending too fast; this line was dropped: spam \\d+"));
        assertThat(flooderLines).last().isEqualTo("BYE " + ServerText.BYE_FLOODING);
        long start = System.nanoTime();
        alice.send("still here");
        assertThat(bob.awaitLine("MSG alice")).isEqualTo("MSG alice still here");
        System.out.printf("flood: %d of 2000 lines relayed; alice's next line reached bob in %.1f ms%n",
                floodSeen.size(), (System.nanoTime() - start) / 1e6);
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        int port = start(ServerConfig.builder().port(0).maxPerIp(2).build());
        track(TestLineClient.login(port, "one"));
        TestLineClient two = track(TestLineClient.connect(port));
        try (TestLineClient third = TestLineClient.connectRaw(port)) {
            assertThat(third.readToEnd()).containsExactly(
                    "ERROR SERVER_FULL the server is full; try again later", "BYE " + ServerText.BYE_TOO_MANY_FROM_IP);
        }
        // another address is another host: not counted against 127.0.0.1
        TestLineClient other = track(TestLineClient.connectRaw("127.0.0.2", port, 0));
        assertThat(other.readLine()).startsWith("HELLO ");
        two.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 2);
        track(TestLineClient.login(port, "three"));
    }

    @Test
    void peerThatStopsTakingDataIsDroppedAfterTheWriteTimeout() throws Exception {
        // A send queue too large to overflow: only the write timeout can catch the stuck peer.
        int port = start(ChatServerIT.base().sendQueue(1_000_000, 512 << 20).writeTimeout(Duration.ofSeconds(1)).build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        track(TestLineClient.login(TestLineClient.connectRaw(port, 4096), "stuck")); // never reads
        String payload = "w".repeat(4000);
        Semaphore window = new Semaphore(50);
        Future<String> leave = pool.submit(() -> {
            while (true) {
                String line = alice.readLine();
                if (line == null) {
                    return "alice was disconnected";
                } else if (line.startsWith("MSG ")) {
                    window.release();
                } else if (line.startsWith("LEAVE stuck ")) {
                    return line;
                }
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < 20_000 && !leave.isDone(); ) {
            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                alice.send(payload);
                i++;
            }
            assertThat(System.nanoTime() - deadline).as("stuck peer dropped in time").isNegative();
        }
        assertThat(leave.get(60, TimeUnit.SECONDS)).isEqualTo("LEAVE stuck " + ServerText.BYE_WRITE_TIMEOUT);
    }

    /**
     * Where a pool of writers writes every connection (platform threads, as on Java 17), peers that stop taking data
     * block some of its workers: more of them than it keeps, and the others' lines must still flow, long before the
     * write timeout frees the blocked workers.
     */
    @Test
    void peersThatStopTakingDataDoNotHoldUpTheOthersWhenWritersArePooled() throws Exception {
        int port = start(ChatServerIT.base().threads(ThreadKind.PLATFORM).sendQueue(1_000_000, 512 << 20)
                .writeTimeout(Duration.ofSeconds(300)).build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        TestLineClient bob = track(TestLineClient.login(port, "bob"));
        int stuck = 3 * Math.max(2, Runtime.getRuntime().availableProcessors()); // the pool keeps one per processor
        for (int i = 0; i < stuck; i++) {
            track(TestLineClient.login(TestLineClient.connectRaw(port, 4096), "stuck" + i)); // never reads
        }
        int count = 2500;
        String payload = "p".repeat(4000); // 10 MB to each: more than a stuck peer's socket buffers hold
        Semaphore window = new Semaphore(50); // alice stays at most 50 lines ahead of bob
        Future<Integer> bobGot = pool.submit(() -> {
            int messages = 0;
            while (messages < count) {
                String line = bob.readLine();
                if (line == null) {
                    throw new AssertionError("bob was disconnected after " + messages + " messages");
                } else if (line.startsWith("MSG alice ")) {
                    messages++;
                    window.release();
                }
            }
            return messages;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // the write timeout is 300 s
        for (int i = 0; i < count; i++) {
            assertThat(window.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS))
                    .as("bob stalled at line %d", i).isTrue();
            alice.send(i + " " + payload);
        }
        assertThat(bobGot.get(60, TimeUnit.SECONDS)).isEqualTo(count);
        assertThat(server.onlineNames()).hasSize(2 + stuck); // nobody was dropped to make way
    }

    /**
     * The server's end of a connection, as the kernel shows it in /proc/net: its keepalive timer runs, due
     * within the 60 s idle time (a socket without keepalive has no timer while idle).
     */
    @Test
    void acceptedSocketsGetKeepaliveWithShortTimers() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient idle = track(TestLineClient.login(port, "idle"));
        int clientPort = idle.socket().getLocalPort();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String timer = serverEndTimer(port, clientPort);
            assertThat(timer).as("the server's end's timer (tr:when)").startsWith("02:"); // 2: keepalive
            long ticks = Long.parseLong(timer.substring(3), 16); // in USER_HZ (100 a second)
            assertThat(ticks).isBetween(1L, 100L * SocketTuning.KEEPALIVE_IDLE_SECONDS);
        });
    }

    /** The "tr:tm->when" field of the TCP socket with local port {@code local} and remote port {@code remote}. */
    private static String serverEndTimer(int local, int remote) throws IOException {
        String localPort = String.format(":%04X", local);
        String remotePort = String.format(":%04X", remote);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 5 && f[1].endsWith(localPort) && f[2].endsWith(remotePort)) {
                    return f[5];
                }
            }
        }
        throw new AssertionError("no socket from port " + local + " to port " + remote + " in /proc/net/tcp*");
    }

    @Test
    void socketTuningTurnsOnNoDelayAndKeepaliveWithShortTimers() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            SocketTuning.apply(accepted);
            assertThat(accepted.getKeepAlive()).isTrue();
            assertThat(accepted.getTcpNoDelay()).isTrue();
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(60);
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
            assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(3);
            assertThat(client.isConnected()).isTrue();
        }
    }
}
