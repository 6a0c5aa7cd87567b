package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.command.CommandHandler;
import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import chat.server.session.SessionThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The holes an attack from outside found (issue "Hardening"), each closed and proven against a real server
 * over loopback sockets. Addresses 127.0.0.x stand for different hosts. An IT because it needs real sockets,
 * threads and time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HardeningIT {
    private final TestResources resources = new TestResources();
    private ChatServer server;

    private int start(ServerConfig config) throws IOException {
        server = resources.start(config);
        return server.port();
    }

    private int start(ServerConfig config, SessionThreads threads) throws IOException {
        server = ChatServer.start(TestTransport.adapt(config), threads);
        resources.track(server::close);
        return server.port();
    }

    private TestLineClient track(TestLineClient client) {
        return resources.track(client);
    }

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    // 1. A failed thread start must not stop admissions.

    @Test
    void failedThreadStartRefusesThatConnectionAndAcceptingGoesOn() throws Exception {
        Set<String> failing = ConcurrentHashMap.newKeySet();
        failing.addAll(List.of("session-1-writer", "session-2-reader", "session-3-writer"));
        SessionThreads threads = new SessionThreads((name, task) -> failing.remove(name)
                ? new Thread(name) {
                    @Override
                    public synchronized void start() {
                        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
                    }
                }
                : daemon(name, task));
        int port = start(ChatServerIT.base().build(), threads);
        for (int i = 0; i < 3; i++) {
            if (TestTransport.tls() && i == 1) {
                // over TLS, a session whose reader cannot start has nobody to do the handshake: it is closed unanswered
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestLineClient.connectRaw(port).readToEnd())
                        .isInstanceOf(IOException.class);
                continue;
            }
            try (TestLineClient refused = TestLineClient.connectRaw(port)) {
                assertThat(refused.readToEnd()).as("connection %d", i + 1).containsSubsequence(
                        "ERROR SERVER_BUSY the server cannot take this connection right now; try again later",
                        "BYE " + ServerText.BYE_BUSY);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 0 && server.pendingCount() == 0);
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        alice.send("still serving");
        assertThat(alice.awaitLine("MSG ")).isEqualTo("MSG alice still serving");
        assertThat(server.acceptorFailure()).isNotDone();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    // 2. Reconnecting must not reset flood control; quit reasons are capped.

    @Test
    void reconnectingDoesNotBuyAFreshAllowance() throws Exception {
        int port = start(ServerConfig.builder().port(0).build()); // defaults: 5 lines/s, bursts of 10 per address
        TestLineClient watcher = track(TestLineClient.login("127.0.0.2", port, "watcher"));
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        long attackNanos = TimeUnit.SECONDS.toNanos(4);
        long start = System.nanoTime();
        Future<?> attack = resources.pool.submit(() -> {
            // connect, name, 10 lines, quit, without waiting: as fast as the server lets us, for 4 s
            for (int round = 0; System.nanoTime() - start < attackNanos && round < 10_000; round++) {
                try (TestLineClient c = TestLineClient.connectRaw("127.0.0.3", port, 0)) {
                    connections.incrementAndGet();
                    StringBuilder burst = new StringBuilder("r" + round + "\n");
                    for (int i = 0; i < 10; i++) {
                        burst.append("spam ").append(round).append(' ').append(i).append('\n');
                    }
                    burst.append("/quit ").append("x".repeat(4000)).append('\n');
                    c.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
                    if (c.readLine().startsWith("ERROR THROTTLED ")) {
                        throttled.incrementAndGet();
                    }
                } catch (IOException e) {
                    // refused or reset: the server may cut an attacker off
                }
            }
            return null;
        });
        attack.get(60, TimeUnit.SECONDS);
        // what reached the watcher while the attack ran: the allowance of one address, not one per connection
        watcher.send("/list");
        int spam = 0;
        List<String> leaves = new ArrayList<>();
        for (String line = watcher.readLine(); !line.startsWith("USERS "); line = watcher.readLine()) {
            if (line.startsWith("MSG r")) {
                spam++;
            } else if (line.startsWith("LEAVE ")) {
                leaves.add(line);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("reconnect flood: %d connections tried (%d throttled) in %.1f s; %d lines reached others%n",
                connections.get(), throttled.get(), seconds, spam);
        assertThat(throttled.get()).as("new connections from one address are throttled").isPositive();
        assertThat(spam).as("lines relayed in %.1f s", seconds).isLessThanOrEqualTo(10 + (int) Math.ceil(5 * seconds) + 5);
        for (String leave : leaves) {
            assertThat(leave.length()).as("quit reason capped").isLessThanOrEqualTo(
                    "LEAVE r0000 quit: ".length() + CommandHandler.MAX_QUIT_REASON_CHARS);
        }
    }

    /**
     * Behind one address (a NAT, a carrier's CGNAT, one machine) each connection has its own line allowance: a
     * flooder there is held back alone, and ten honest members sending 4 lines a second each, 40 from the one
     * address, lose nothing and wait for nothing. Before, they shared the flooder's allowance: delayed by
     * seconds, then refused.
     */
    @Test
    void aFlooderBehindASharedAddressHoldsUpNobodyElseThere() throws Exception {
        int port = start(ServerConfig.builder().port(0).connectThrottle(20, Duration.ofSeconds(2)).build()); // default allowances
        TestLineClient watcher = track(TestLineClient.login("127.0.0.2", port, "watcher"));
        List<TestLineClient> honest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            honest.add(track(TestLineClient.login("127.0.0.3", port, "honest" + i)));
        }
        TestLineClient flooder = track(TestLineClient.login("127.0.0.3", port, "flooder"));
        Future<?> flood = resources.pool.submit(() -> {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                lines.append("flood ").append(i).append('\n');
            }
            try {
                flooder.sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // cut off as a flooder: what should happen
            }
            return null;
        });
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        try {
            pacer.scheduleAtFixedRate(() -> {
                if (sent.get() >= 12 * honest.size()) {
                    return;
                }
                for (TestLineClient h : honest) { // 4 lines a second each: within every member's allowance
                    try {
                        h.send("honest " + sent.getAndIncrement() + " " + System.nanoTime());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            long worst = 0;
            int arrived = 0;
            while (arrived < 12 * honest.size()) {
                String line = watcher.awaitLine("MSG honest");
                String[] words = line.split(" ");
                worst = Math.max(worst, System.nanoTime() - Long.parseLong(words[4]));
                arrived++;
            }
            flood.get(30, TimeUnit.SECONDS);
            System.out.printf("shared address: %d honest lines beside a flooder, the slowest after %.1f ms%n", arrived, worst / 1e6);
            assertThat(worst).as("the slowest honest line, ns").isLessThan(TimeUnit.SECONDS.toNanos(1));
        } finally {
            pacer.shutdownNow();
        }
        for (TestLineClient h : honest) {
            h.send("/list"); // everything before it was answered already
            assertThat(linesUntilPrefix(h, "USERS ")).noneMatch(l -> l.startsWith("ERROR RATE_LIMITED"));
        }
    }

    private static List<String> linesUntilPrefix(TestLineClient client, String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = client.readLine(); line != null && !line.startsWith(prefix); line = client.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void newConnectionsFromOneAddressAreThrottled() throws Exception {
        int port = start(ServerConfig.builder().port(0).maxPerIp(0).maxPendingPerIp(0)
                .connectThrottle(3, Duration.ofSeconds(60)).build());
        for (int i = 0; i < 3; i++) {
            track(TestLineClient.connect(port));
        }
        try (TestLineClient fourth = TestLineClient.connectRaw(port)) {
            assertThat(fourth.readToEnd()).containsExactly(
                    "ERROR THROTTLED too many new connections from your address; wait a few seconds and try again",
                    "BYE " + ServerText.BYE_THROTTLED);
        }
        TestLineClient other = track(TestLineClient.connectRaw("127.0.0.2", port, 0)); // another host is not throttled
        assertThat(other.readLine()).startsWith("HELLO ");
    }

    // 3. No amplification; no reader cut off by private lines from many senders within every limit.

    @Test
    void invalidBytesAreNotAmplified() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient victim = track(TestLineClient.login(port, "victim"));
        TestLineClient sender = track(TestLineClient.login(port, "sender"));
        byte[] bad = new byte[4000];
        Arrays.fill(bad, (byte) 0x80);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes("/msg victim ".getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(bad);
        line.write('\n');
        sender.sendRaw(line.toByteArray());
        assertThat(victim.awaitLine("PRIVATE ")).isEqualTo("PRIVATE sender victim \uFFFD");
    }

    @Test
    void privateLinesFromManySendersCannotCutOffAReaderThatKeepsUpWithTheRoom() throws Exception {
        // Defaults (5 lines/s per address, bursts of 10) but a 256 KiB send queue, so an old server cuts the victim quickly.
        int port = start(ServerConfig.builder().port(0).sendQueue(10_000, 256 << 10).build());
        TestLineClient victim = track(TestLineClient.login(TestLineClient.connectRaw("127.0.0.10", port, 16 << 10), "victim"));
        List<TestLineClient> senders = new ArrayList<>();
        for (int host = 2; host <= 4; host++) {
            for (int i = 0; i < 10; i++) {
                senders.add(track(TestLineClient.login("127.0.0." + host, port, "s" + host + "_" + i)));
            }
        }
        AtomicInteger refused = new AtomicInteger();
        String text = "x".repeat(4000);
        Ticker ticker = resources.track(new Ticker());
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (TestLineClient sender : senders) {
            // 5 lines/s each, for 6 s, like the attack: every one within its own limits
            sending.add(ticker.repeat(30, Duration.ofMillis(200), () -> sender.send("/msg victim " + text)));
            resources.pool.submit(() -> {
                for (String l = sender.readLine(); l != null; l = sender.readLine()) {
                    if (l.startsWith("ERROR RECIPIENT_BUSY ") || l.startsWith("ERROR RATE_LIMITED ")) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        // the victim reads 8 KiB every 60 ms for 8 s, about 130 KB/s: far more than the room sends, far less
        // than 30 senders could
        InputStream in = victim.socket().getInputStream();
        byte[] chunk = new byte[8192];
        AtomicLong received = new AtomicLong();
        AtomicBoolean cutOff = new AtomicBoolean();
        victim.socket().setSoTimeout(100); // a quiet moment is no failure here: the tick just reads nothing
        CompletableFuture<Void> reading = ticker.repeat(133, Duration.ofMillis(60), () -> {
            int n;
            try {
                n = cutOff.get() ? 0 : in.read(chunk);
            } catch (SocketTimeoutException e) {
                n = 0;
            }
            if (n < 0 || new String(chunk, 0, Math.max(0, n), StandardCharsets.UTF_8).contains("BYE ")) {
                cutOff.set(true);
            }
            received.addAndGet(Math.max(0, n));
        });
        reading.get(60, TimeUnit.SECONDS);
        sending.forEach(f -> f.cancel(false));
        System.out.printf("private flood: victim read %d KB in 8 s; %d lines refused to senders%n", received.get() / 1024, refused.get());
        assertThat(cutOff.get()).as("victim cut off").isFalse();
        assertThat(refused.get()).as("excess private lines refused to their senders").isPositive();
    }

    // 5. Connections that never log in cannot hold every slot.

    @Test
    void connectionsThatNeverLogInCannotKeepOthersOut() throws Exception {
        int port = start(ServerConfig.builder().port(0).maxClients(30).maxPending(10).maxPendingPerIp(3)
                .loginTimeout(Duration.ofSeconds(60)).build());
        List<String> refusals = new ArrayList<>();
        for (int host = 1; host <= 10; host++) {
            for (int i = 0; i < 4; i++) {
                TestLineClient idle = track(TestLineClient.connectRaw("127.0.1." + host, port, 0));
                String first = idle.readLine();
                if (first.startsWith("HELLO ")) {
                    idle.sendRaw(new byte[] {'x'}); // a byte, never a line
                } else {
                    refusals.add(idle.readLine());
                }
            }
        }
        assertThat(server.pendingCount()).isEqualTo(10);
        assertThat(refusals).contains("BYE " + ServerText.BYE_TOO_MANY_LOGGING_IN_FROM_IP, "BYE " + ServerText.BYE_TOO_MANY_LOGGING_IN);
        // with the pending cap full, the login timeout shrinks to 5 s: a newcomer gets in well before 60 s
        long start = System.nanoTime();
        AtomicReference<TestLineClient> admitted = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> { // retrying as a person would
            TestLineClient c = TestLineClient.connectRaw("127.0.2.1", port, 0);
            if (c.readLine().startsWith("HELLO ")) {
                admitted.set(track(c));
                return true;
            }
            c.close();
            return false;
        });
        TestLineClient newcomer = admitted.get();
        newcomer.send("newcomer");
        assertThat(newcomer.awaitLine("WELCOME ")).startsWith("WELCOME newcomer ");
        System.out.printf("pending cap full: newcomer admitted after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    // 6. Blank and overlong lines count: a flood of them ends in a disconnect.

    @Test
    void floodOfBlankLinesBeforeLoginIsDisconnected() throws Exception {
        assertFloodIsDisconnected(new byte[] {'\n'});
    }

    @Test
    void floodOfOverlongLinesIsDisconnected() throws Exception {
        byte[] overlong = new byte[5000];
        Arrays.fill(overlong, (byte) 'x');
        overlong[4999] = '\n';
        assertFloodIsDisconnected(overlong);
    }

    private void assertFloodIsDisconnected(byte[] unit) throws Exception {
        int port = start(ServerConfig.builder().port(0).build());
        TestLineClient flooder = track(TestLineClient.connect(port));
        byte[] block = new byte[Math.max(unit.length, 64 * 1024 / unit.length * unit.length)];
        for (int i = 0; i + unit.length <= block.length; i += unit.length) {
            System.arraycopy(unit, 0, block, i, unit.length);
        }
        long start = System.nanoTime();
        long[] endedAt = new long[1];
        Future<List<String>> seen = resources.pool.submit(() -> {
            List<String> lines = flooder.readToEnd();
            endedAt[0] = System.nanoTime();
            return lines;
        });
        try {
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10) && !seen.isDone()) {
                flooder.sendRaw(block);
            }
        } catch (IOException e) {
            // the server closed the connection: what this test waits for
        }
        List<String> lines = seen.get(30, TimeUnit.SECONDS);
        double seconds = (endedAt[0] - start) / 1e9;
        System.out.printf("flood of %d-byte lines: disconnected after %.2f s%n", unit.length, seconds);
        assertThat(lines).last().isEqualTo("BYE " + ServerText.BYE_FLOODING);
        assertThat(lines).anyMatch(l -> l.startsWith("ERROR RATE_LIMITED "));
        assertThat(seconds).isLessThan(10);
    }

    // 8. Lines read late are delayed, not dropped.

    @Test
    void linesArrivingInABunchAreDelayedNotRefused() throws Exception {
        int port = start(ServerConfig.builder().port(0).build()); // 5 lines/s, bursts of 10, a backlog of 20
        TestLineClient alice = track(TestLineClient.login(port, "alice")); // her name took one line of the burst
        StringBuilder bunch = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            bunch.append("line ").append(i).append('\n');
        }
        long start = System.nanoTime();
        alice.sendRaw(bunch.toString().getBytes(StandardCharsets.UTF_8)); // as a stalled server would read them
        for (int i = 0; i < 25; i++) {
            assertThat(alice.readLine()).isEqualTo("MSG alice line " + i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("bunch of 25 lines: all relayed in order in %.1f s%n", seconds);
        assertThat(seconds).as("paced at the sustained rate").isGreaterThan(2.5);
    }

    @Test
    void refusalNamesTheLineItRefused() throws Exception {
        int port = start(ServerConfig.builder().port(0).rateBacklog(0).build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        StringBuilder bunch = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            bunch.append("line ").append(i).append('\n');
        }
        alice.sendRaw(bunch.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR RATE_LIMITED you are sending too fast; this line was dropped: line 9");
    }

    // 9. The login timer restarts with each name attempt, within a bound.

    @Test
    void loginTimerRunsFromTheLastNameAttempt() throws Exception {
        int port = start(ChatServerIT.base().loginTimeout(Duration.ofSeconds(4)).build());
        track(TestLineClient.login(port, "alice"));
        TestLineClient slow = track(TestLineClient.connect(port));
        Ticker person = resources.track(new Ticker()); // someone who thinks 3 s before each name
        person.after(Duration.ofSeconds(3), () -> slow.send("alice"));
        assertThat(slow.readLine()).startsWith("ERROR NAME_TAKEN ");
        person.after(Duration.ofSeconds(3), () -> slow.send("bob")); // 6 s after connecting, 3 s after the last try
        assertThat(slow.readLine()).startsWith("WELCOME bob ");
    }

    @Test
    void nameAttemptsCannotHoldALoginForever() throws Exception {
        int port = start(ChatServerIT.base().loginTimeout(Duration.ofSeconds(2)).build());
        track(TestLineClient.login(port, "alice"));
        TestLineClient stubborn = track(TestLineClient.connect(port));
        long start = System.nanoTime();
        Future<List<String>> seen = resources.pool.submit(stubborn::readToEnd);
        Ticker ticker = resources.track(new Ticker());
        // a taken name every second, until the server gives up on us (then a send fails and the ticks stop)
        CompletableFuture<Void> attempts = ticker.repeat(60, Duration.ofSeconds(1), () -> stubborn.send("alice"));
        List<String> lines = seen.get(30, TimeUnit.SECONDS);
        attempts.cancel(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(lines).last().isEqualTo("BYE " + ServerText.BYE_LOGIN_TIMEOUT);
        assertThat(seconds).as("three login timeouts in all").isBetween(5.5, 15.0);
    }

    // 10. A fragment without a line end is not a line; CR and CR NUL end lines.

    @Test
    void unterminatedFragmentAtCloseIsNotBroadcast() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient bob = track(TestLineClient.login(port, "bob"));
        try (TestLineClient alice = TestLineClient.login(port, "alice")) {
            alice.sendRaw("transfer 100 EUR to bob\n-- no wait, to mallo".getBytes(StandardCharsets.UTF_8));
            assertThat(bob.awaitLine("MSG alice")).isEqualTo("MSG alice transfer 100 EUR to bob");
        }
        assertThat(bob.awaitLine("LEAVE alice")).isEqualTo("LEAVE alice connection closed");
        bob.send("/list");
        assertThat(bob.readLine()).isEqualTo("USERS bob"); // nothing from alice came in between
    }

    @Test
    void loneCarriageReturnAndCrNulEndLines() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        alice.sendRaw("one\rtwo\r\0three\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(alice.readLine()).isEqualTo("MSG alice one");
        assertThat(alice.readLine()).isEqualTo("MSG alice two");
        assertThat(alice.readLine()).isEqualTo("MSG alice three");
    }

    // 11. Telnet: commands are stripped, options refused.

    @Test
    void telnetCommandsAreStrippedAndOptionsRefused() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient bob = track(TestLineClient.login(port, "bob"));
        TestLineClient telnet = track(TestLineClient.login(port, "telnet"));
        // Ctrl+C in telnet: IAC IP, IAC DO TIMING-MARK; then a line with an escaped 0xFF data byte in it
        byte[] ctrlC = {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xFD, 0x06};
        byte[] options = {(byte) 0xFF, (byte) 0xFB, 0x18, (byte) 0xFF, (byte) 0xFA, 0x18, 0x00, 'x', 't', (byte) 0xFF, (byte) 0xF0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ctrlC);
        out.writeBytes(options);
        out.writeBytes("hello\r\n".getBytes(StandardCharsets.US_ASCII));
        telnet.sendRaw(out.toByteArray());
        assertThat(bob.awaitLine("MSG telnet")).isEqualTo("MSG telnet hello");
        // the telnet peer got IAC WONT TIMING-MARK and IAC DONT TERMINAL-TYPE, then the message
        byte[] raw = readRawUntil(telnet.socket().getInputStream(), "MSG telnet hello\n");
        assertThat(indexOf(raw, new byte[] {(byte) 0xFF, (byte) 0xFC, 0x06})).isNotNegative();
        assertThat(indexOf(raw, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x18})).isNotNegative();
    }

    private static byte[] readRawUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] endBytes = end.getBytes(StandardCharsets.US_ASCII);
        while (indexOf(seen.toByteArray(), endBytes) < 0) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no '" + end.strip() + "' in " + seen, e);
            }
            if (b < 0) {
                throw new AssertionError("stream ended; got " + seen);
            }
            seen.write(b);
        }
        return seen.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // 12. Addresses can be hidden.

    @Test
    void addressesCanBeHiddenFromMembers() throws Exception {
        int port = start(ChatServerIT.base().addresses(ServerConfig.AddressVisibility.HIDE).build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        track(TestLineClient.login(port, "bob"));
        assertThat(alice.awaitLine("JOIN bob")).isEqualTo("JOIN bob -");
    }

    @Test
    void addressesAreShownOnALoopbackServerByDefault() throws Exception {
        int port = start(ChatServerIT.base().build());
        TestLineClient alice = track(TestLineClient.login(port, "alice"));
        track(TestLineClient.login(port, "bob"));
        assertThat(alice.awaitLine("JOIN bob")).isEqualTo("JOIN bob 127.0.0.1");
    }

    @Test
    void everythingIsForgottenOnceConnectionsEndAndAllowancesRefill() throws Exception {
        int port = start(ServerConfig.builder().port(0).rateLimit(100, 10).connectThrottle(10, Duration.ofMillis(100)).build());
        for (int host = 1; host <= 20; host++) {
            try (TestLineClient c = TestLineClient.login("127.0.3." + host, port, "u" + host)) {
                c.send("/quit");
                c.readToEnd();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionCount() == 0 && server.addressesRemembered() == 0);
    }
}
