package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.accounts.Accounts;
import chat.server.accounts.GuessThrottle;
import chat.server.accounts.Registry;
import chat.server.config.ServerConfig;
import chat.server.moderation.Ban;
import chat.server.moderation.Bans;
import chat.server.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registered names over real sockets (docs/PROTOCOL.md, "Passwords"): registering, logging in with and
 * without the password, changing and releasing it, guessing throttled, passwords refused in plain text, a
 * private server's password, and accounts kept over a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegisteredNamesIT {
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

    /** Plain text with passwords allowed, few hash iterations: the protocol, not the cryptography, is tested here. */
    private ServerConfig.Builder base() {
        return ChatServerIT.base().dataDir(dir).passwordIterations(1000).allowPlainPasswords(true);
    }

    private ChatServer start(ServerConfig.Builder builder) throws IOException {
        return track(ChatServer.start(builder.build()));
    }

    /** Connects and sends {@code name}; returns the client, its HELLO read. */
    private TestLineClient offer(int port, String name) throws IOException {
        TestLineClient client = track(TestLineClient.connectRaw(port));
        client.awaitLine("HELLO ");
        client.send(name);
        return client;
    }

    private TestLineClient loginWithPassword(int port, String name, String password) throws IOException {
        TestLineClient client = offer(port, name);
        assertThat(client.awaitLine("PASSWORD ")).isEqualTo("PASSWORD " + name + " " + name + " is registered; send its password");
        client.send(password);
        client.awaitLine("WELCOME " + name + " ");
        return client;
    }

    private void register(int port, String name, String password) throws IOException {
        try (TestLineClient client = TestLineClient.login(port, name)) {
            client.send("/register " + password);
            assertThat(client.awaitLine("INFO ")).startsWith("INFO " + name + " is registered now");
            client.send("quit");
            client.readToEnd();
        }
    }

    @Test
    void aRegisteredNameAsksForItsPasswordAndOnlyTheRightOneGetsIn() throws Exception {
        ChatServer server = start(base());
        register(server.port(), "alice", "correct horse");
        assertThat(StoredRegistry.accounts(dir).get("alice")).startsWith("alice pbkdf2-sha256 1000 ").doesNotContain("correct horse");

        TestLineClient guess = offer(server.port(), "ALICE");
        assertThat(guess.awaitLine("PASSWORD ")).startsWith("PASSWORD alice ");
        guess.send("wrong horse");
        assertThat(guess.awaitLine("ERROR ")).isEqualTo("ERROR PASSWORD_WRONG wrong password for alice; send the name again to try again");
        guess.send("alice");
        guess.awaitLine("PASSWORD alice ");
        guess.send("correct horse");
        guess.awaitLine("WELCOME alice ");

        TestLineClient other = offer(server.port(), "alice"); // online: refused before any password is asked
        assertThat(other.awaitLine("ERROR ")).startsWith("ERROR NAME_TAKEN ");
        other.send("bob"); // a name nobody registered needs no password
        other.awaitLine("WELCOME bob ");
        other.send("/whois alice");
        assertThat(other.awaitLine("INFO ")).startsWith("INFO alice: online since ").contains(", registered");
    }

    @Test
    void anEmptyLineGivesUpWithoutCountingAsAGuess() throws Exception {
        ChatServer server = start(base());
        register(server.port(), "alice", "correct horse");
        TestLineClient client = offer(server.port(), "alice");
        for (int i = 0; i < GuessThrottleLimit.FREE + 2; i++) {
            client.awaitLine("PASSWORD alice ");
            client.send("");
            assertThat(client.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_WRONG ");
            client.send("alice");
        }
        client.awaitLine("PASSWORD alice ");
        client.send("correct horse");
        client.awaitLine("WELCOME alice ");
    }

    @Test
    void guessingIsThrottledPerAddressAndPerNameFromThatAddressOnly() throws Exception {
        ChatServer server = start(base());
        register(server.port(), "alice", "correct horse");
        register(server.port(), "carol", "battery staple");
        TestLineClient guesser = offer(server.port(), "alice");
        for (int i = 0; i < GuessThrottleLimit.FREE; i++) {
            guesser.awaitLine("PASSWORD alice ");
            guesser.send("guess " + i);
            assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_WRONG ");
            guesser.send("alice");
        }
        // the sixth attempt is not even asked for: the name must wait, and so must the address
        assertThat(guesser.awaitLine("ERROR ")).matches("ERROR PASSWORD_THROTTLED too many wrong passwords (for alice )?from your address; wait \\d+ s, then try again");
        guesser.send("carol");
        assertThat(guesser.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_THROTTLED too many wrong passwords from your address");

        TestLineClient elsewhere = track(TestLineClient.connectRaw("127.0.0.2", server.port(), 0));
        elsewhere.awaitLine("HELLO ");
        elsewhere.send("alice"); // another address, the same name: asked at once, so the owner is never locked out
        elsewhere.awaitLine("PASSWORD alice ");
        elsewhere.send("correct horse");
        elsewhere.awaitLine("WELCOME alice ");
    }

    /**
     * A registered name nobody logged in under for --account-expiry days is released, so a registration flood
     * does not keep its names for ever; an operator's is kept.
     */
    @Test
    void aNameUnusedForTheExpiryIsReleasedButAnOperatorsIsKept() throws Exception {
        long longAgo = LocalDate.now(ZoneOffset.UTC).toEpochDay() - 400;
        Accounts old = Accounts.load(dir.resolve(Registry.ACCOUNTS_FILE), 1000, () -> longAgo);
        old.register("squatter", "correct horse".toCharArray());
        old.register("op", "battery staple".toCharArray());
        ChatServer server = start(base().operators(List.of("op")).accountExpiryDays(365));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !StoredRegistry.accounts(dir).containsKey("squatter"));
        offer(server.port(), "squatter").awaitLine("WELCOME squatter "); // free again: no password asked
        assertThat(offer(server.port(), "op").awaitLine("PASSWORD ")).startsWith("PASSWORD op ");
    }

    /** Look-alikes registered before they were refused keep their names: the password decides, not the looks. */
    @Test
    void lookAlikesRegisteredBeforeTheRuleBothStillLogIn() throws Exception {
        Accounts before = Accounts.load(dir.resolve(Registry.ACCOUNTS_FILE), 1000);
        before.register("alice", "correct horse".toCharArray());
        before.register("aIice", "battery staple".toCharArray());
        ChatServer server = start(base());
        loginWithPassword(server.port(), "alice", "correct horse");
        loginWithPassword(server.port(), "aIice", "battery staple");
    }

    /**
     * A server that kept its accounts and bans in files (before the store) brings them into the store at its first
     * start with one, keeps each file as a backup, and from then on keeps every change in the store alone.
     */
    @Test
    void theFilesOfAServerWithoutAStoreAreBroughtIntoItOnceAndKeptAsBackups() throws Exception {
        Accounts.load(dir.resolve(Registry.ACCOUNTS_FILE), 1000).register("alice", "correct horse".toCharArray());
        Bans.load(dir.resolve(Registry.BANS_FILE), Clock.systemUTC())
                .add(new Ban("mallory", null, null, "alice", Instant.now(), "spam"));

        ChatServer first = start(base());
        assertThat(dir.resolve(Registry.ACCOUNTS_FILE)).doesNotExist();
        assertThat(dir.resolve(Registry.BANS_FILE)).doesNotExist();
        assertThat(dir.resolve(Registry.ACCOUNTS_FILE + Registry.IMPORTED)).content().contains("alice pbkdf2-sha256 1000 ");
        assertThat(dir.resolve(Registry.BANS_FILE + Registry.IMPORTED)).content().contains(" mallory - alice ");
        loginWithPassword(first.port(), "alice", "correct horse").send("quit");
        assertThat(offer(first.port(), "mallory").awaitLine("ERROR ")).startsWith("ERROR BANNED ");
        register(first.port(), "bob", "battery staple");
        first.close();

        ChatServer second = start(base());
        assertThat(dir.resolve(Registry.ACCOUNTS_FILE)).as("the store keeps them now, not a file").doesNotExist();
        loginWithPassword(second.port(), "alice", "correct horse");
        loginWithPassword(second.port(), "bob", "battery staple");
        assertThat(offer(second.port(), "mallory").awaitLine("ERROR ")).startsWith("ERROR BANNED ");
        assertThat(StoredRegistry.accounts(dir)).containsOnlyKeys("alice", "bob");
    }

    /** {@code --min-password-length}: a new password is held to it, longer or shorter than the usual 8; one set before is not. */
    @Test
    void theFewestCharactersOfANewPasswordAreTheOperatorsToSay() throws Exception {
        ChatServer strict = start(base().minPasswordChars(12));
        TestLineClient alice = track(TestLineClient.login(strict.port(), "alice"));
        alice.send("/register 11 chars ok");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR BAD_ARGUMENTS ").endsWith("(12 to 200 characters)");
        alice.send("/register twelve chars");
        assertThat(alice.awaitLine("INFO ")).startsWith("INFO alice is registered now");
        alice.send("quit");
        alice.readToEnd();
        strict.close();

        ChatServer lax = start(base().minPasswordChars(6));
        alice = loginWithPassword(lax.port(), "alice", "twelve chars");
        alice.send("/password sesame");
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO Password changed.");
        register(lax.port(), "bob", "sesame");
        loginWithPassword(lax.port(), "bob", "sesame");
        TestLineClient carol = track(TestLineClient.login(lax.port(), "carol"));
        carol.send("/register five");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR BAD_ARGUMENTS ").endsWith("(6 to 200 characters)");
    }

    @Test
    void changingAndReleasingThePassword() throws Exception {
        ChatServer server = start(base());
        register(server.port(), "alice", "correct horse");
        TestLineClient alice = loginWithPassword(server.port(), "alice", "correct horse");
        alice.send("/register another one");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR ALREADY_REGISTERED alice ");
        alice.send("/password short");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR BAD_ARGUMENTS usage: /password NEW-PASSWORD (8 to 200 characters)");
        alice.send("/password new horse");
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO Password changed.");
        alice.send("quit");
        alice.readToEnd();

        alice = loginWithPassword(server.port(), "alice", "new horse");
        alice.send("/unregister");
        assertThat(alice.awaitLine("INFO ")).startsWith("INFO alice is no longer registered");
        alice.send("/unregister");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NOT_REGISTERED alice ");
        alice.send("quit");
        alice.readToEnd();
        track(TestLineClient.login(server.port(), "alice")); // no password asked now
    }

    @Test
    void accountsAreKeptOverARestart() throws Exception {
        ChatServer first = ChatServer.start(base().build());
        register(first.port(), "alice", "correct horse");
        first.close();
        ChatServer second = start(base());
        loginWithPassword(second.port(), "alice", "correct horse");
    }

    @Test
    void passwordsAreRefusedInPlainTextUnlessAllowedButTakenOverTls() throws Exception {
        TlsTestServer tls = track(TlsTestServer.start(dir.resolve("tls"), base().allowPlainPasswords(false).plainPort(0)
                .operators(List.of("root"))));
        ChatServer server = tls.server();
        ServerCertificate certificate = tls.certificate();

        TestLineClient plain = track(TestLineClient.login(server.plainPort(), "bob"));
        plain.send("/register correct horse");
        assertThat(plain.awaitLine("ERROR ")).isEqualTo("ERROR PASSWORD_NEEDS_TLS /register needs a password, and this server "
                + "takes passwords only over TLS; connect with TLS (client.jar --tls)");
        plain.send("/oper root correct horse");
        assertThat(plain.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_NEEDS_TLS /oper needs a password");

        TestLineClient alice = track(TestLineClient.login(TestLineClient.connectTls(server.port(), certificate.certificate()), "alice"));
        alice.send("/register correct horse");
        alice.awaitLine("INFO alice is registered now");
        alice.send("quit");
        alice.readToEnd();

        TestLineClient overPlain = offer(server.plainPort(), "alice");
        assertThat(overPlain.awaitLine("ERROR ")).startsWith("ERROR PASSWORD_NEEDS_TLS alice needs a password");
        TestLineClient overTls = track(TestLineClient.connectTls(server.port(), certificate.certificate()));
        overTls.awaitLine("HELLO ");
        overTls.send("alice");
        overTls.awaitLine("PASSWORD alice ");
        overTls.send("correct horse");
        overTls.awaitLine("WELCOME alice ");
    }

    @Test
    void aPrivateServerAsksForItsPasswordBeforeLookingAtTheName() throws Exception {
        ChatServer server = start(base().serverPassword("open sesame"));
        TestLineClient client = offer(server.port(), "bob");
        assertThat(client.awaitLine("PASSWORD ")).isEqualTo("PASSWORD * this server is private; send its password");
        client.send("open barley");
        assertThat(client.awaitLine("ERROR ")).isEqualTo("ERROR PASSWORD_WRONG wrong password for this server; send the name again to try again");
        client.send("bob");
        client.awaitLine("PASSWORD * ");
        client.send("open sesame");
        client.awaitLine("WELCOME bob ");

        TestLineClient second = offer(server.port(), "bob"); // the name is taken, but that is said only after the password
        second.awaitLine("PASSWORD * ");
        second.send("open sesame");
        assertThat(second.awaitLine("ERROR ")).startsWith("ERROR NAME_TAKEN ");
        second.send("carol"); // asked once per connection
        second.awaitLine("WELCOME carol ");
    }

    @Test
    void aServerPasswordInPlainTextMustBeAllowed() {
        assertThatThrownBy(() -> base().allowPlainPasswords(false).serverPassword("open sesame").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would cross the network in plain text");
    }

    /** The throttle's free attempts, named for the tests. */
    private static final class GuessThrottleLimit {
        static final int FREE = GuessThrottle.FREE_FAILURES;
    }
}
