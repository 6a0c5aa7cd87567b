package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.accounts.GuessThrottle;
import chat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Attacks on accounts from outside (docs/RELIABILITY.md, round 3), with real password hashes where their
 * cost is the point: a flood of account changes must not delay honest logins or the chat, and wrong guesses
 * from other addresses must not lock an owner out. An IT: real sockets, seconds of hashing.
 *
 * <p>Over TLS only, as passwords are sent where the server refuses them in plain text (its default): the
 * throttles and hashing under test come after TLS, which only adds a handshake to each attacker's cost. A plain
 * run would test the same code under a setting ({@code --allow-plain-passwords}) made for trusted networks.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class AccountAttackIT {
    private static final int ATTACKERS = 200;
    private static final int ATTACKER_ADDRESSES = 20;

    @TempDir
    Path dir;
    private final Opened opened = new Opened();

    @AfterEach
    void closeAll() throws Exception {
        opened.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    /**
     * 200 members on 20 addresses send {@code /register} and {@code /password} as fast as they are answered,
     * each a full-cost hash (600,000 iterations) were it let through. Meanwhile an honest owner logs in 20 times
     * with the right password, and two members chat. Before: logins 26.7 s or timed out, chat 139 ms.
     */
    @Test
    void aFloodOfAccountChangesDelaysNeitherHonestLoginsNorTheChat() throws Exception {
        // the default hash cost, and the default line allowance, which each address's attackers share
        ServerConfig config = ChatServerIT.base().rateLimit(5, 10).dataDir(dir).build();
        TestAccounts.make(config, "alice", "correct horse");
        ChatServer server = track(ChatServer.start(TestTransport.adapt(config)));
        // each honest party on an address of its own: the line allowance is per address, and shared addresses are another item
        TestLineClient bob = track(TestLineClient.login("127.0.0.2", server.port(), "bob"));
        TestLineClient carol = track(TestLineClient.login("127.0.0.3", server.port(), "carol"));

        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger hashed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS + 1); // the attackers, and the chat
        List<Future<?>> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < ATTACKERS; i++) {
                String from = "127.0.1." + (1 + i % ATTACKER_ADDRESSES);
                String name = "mallory" + i;
                attackers.add(pool.submit(() -> {
                    try (TestLineClient m = TestLineClient.login(from, server.port(), name)) {
                        for (int round = 0; round < 1000 && attacking.get(); round++) {
                            m.send((round % 2 == 0 ? "/register " : "/password ") + "secret-" + name + "-" + round);
                            String answer = m.awaitLine("");
                            while (!answer.startsWith("INFO ") && !answer.startsWith("ERROR ")) {
                                answer = m.awaitLine("");
                            }
                            answered.incrementAndGet();
                            if (answer.startsWith("ERROR TOO_MANY_CHANGES")) {
                                throttled.incrementAndGet();
                            } else if (answer.startsWith("INFO ")) { // registered, or the password changed
                                hashed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            long attackStart = System.nanoTime();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 2 * ATTACKERS);
            AtomicBoolean loggingIn = new AtomicBoolean(true);

            List<Long> chat = Collections.synchronizedList(new ArrayList<>());
            Future<?> chatting = pool.submit(() -> {
                for (int i = 0; i < 400 && loggingIn.get(); i++) {
                    long sent = System.nanoTime();
                    bob.send("ping " + i);
                    carol.awaitLine("MSG bob ping " + i);
                    chat.add(System.nanoTime() - sent);
                    bob.awaitLine("MSG bob ping " + i);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // pacing: 4 lines/s
                }
                return null;
            });
            List<Long> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                try (TestLineClient alice = TestLineClient.login("127.0.0.4", server.port(), "alice", "correct horse")) {
                    logins.add(System.nanoTime() - start);
                    alice.send("quit");
                    alice.readToEnd();
                }
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> !server.onlineNames().contains("alice")); // too many online for LEAVE lines
            }
            loggingIn.set(false);
            chatting.get(60, TimeUnit.SECONDS);
            attacking.set(false);
            double attackSeconds = (System.nanoTime() - attackStart) / 1e9;
            for (Future<?> attacker : attackers) {
                attacker.get(60, TimeUnit.SECONDS);
            }

            double loginP95 = percentile(logins, 95) / 1e6;
            double chatP99 = percentile(chat, 99) / 1e6;
            System.out.printf("under %d account changes answered in %.0f s (%d throttled, %d hashed): honest login p95 %.0f ms "
                    + "(max %.0f), chat round trip p99 %.1f ms over %d lines%n", answered.get(), attackSeconds, throttled.get(),
                    hashed.get(), loginP95, percentile(logins, 100) / 1e6, chatP99, chat.size());
            // each address: 5 at once, then one per 30 s (the default --account-changes)
            assertThat(hashed.get()).isLessThanOrEqualTo(ATTACKER_ADDRESSES * (5 + 1 + (int) (attackSeconds / 30)));
            assertThat(loginP95).as("honest login p95, ms (target 1,000 on a quiet machine)").isLessThan(3_000);
            assertThat(chatP99).as("chat round trip p99, ms (target 50 on a quiet machine)").isLessThan(250);
        } finally {
            attacking.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * 12 wrong guesses from 6 addresses for alice, and one address guessing on until it is made to wait: alice,
     * from a fresh address, logs in at once. Before, wrong guesses counted per name from anywhere, so anyone
     * could keep an owner (an operator too) at PASSWORD_THROTTLED with one guess every 5 minutes.
     */
    @Test
    void wrongGuessesFromElsewhereNeverLockTheOwnerOut() throws Exception {
        ServerConfig config = ChatServerIT.base().dataDir(dir).passwordIterations(1000).build();
        TestAccounts.make(config, "alice", "correct horse");
        ChatServer server = track(ChatServer.start(TestTransport.adapt(config)));
        for (int address = 1; address <= 6; address++) {
            for (int guess = 0; guess < 2; guess++) {
                TestLineClient guesser = track(TestLineClient.connectRaw("127.0.2." + address, server.port(), 0));
                guesser.awaitLine("HELLO ");
                guesser.send("alice");
                guesser.awaitLine("PASSWORD alice ");
                guesser.send("guess " + guess);
                assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_WRONG ");
            }
        }


        // one address guessing on is still slowed: past the free guesses, for any name, it must wait
        for (int guess = 2; guess < GuessThrottle.FREE_FAILURES; guess++) {
            TestLineClient guesser = track(TestLineClient.connectRaw("127.0.2.1", server.port(), 0));
            guesser.awaitLine("HELLO ");
            guesser.send("alice");
            guesser.awaitLine("PASSWORD alice ");
            guesser.send("guess " + guess);
            assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_WRONG ");
        }
        TestLineClient guesser = track(TestLineClient.connectRaw("127.0.2.1", server.port(), 0));
        guesser.awaitLine("HELLO ");
        guesser.send("alice");
        assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_THROTTLED too many wrong passwords ").contains("from your address; wait ");

        // 15 wrong guesses for alice in all, none from here: the owner is asked at once, and logs in
        TestLineClient owner = track(TestLineClient.connectRaw("127.0.3.1", server.port(), 0));
        owner.awaitLine("HELLO ");
        owner.awaitLine("LIMITS ");
        owner.send("alice");
        assertThat(owner.readLine()).startsWith("PASSWORD alice ");
        owner.send("correct horse");
        owner.awaitLine("WELCOME alice ");
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
