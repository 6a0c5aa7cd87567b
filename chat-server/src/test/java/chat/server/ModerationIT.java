package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.common.protocol.Username;
import chat.server.accounts.Registry;
import chat.server.accounts.GuessThrottle;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators over real sockets: kick, ban (by name, address and network; timed and for ever), bans kept
 * over a restart and checked at connect and at login, bans that end, and what operators see that others do
 * not. 127.0.0.2 stands in for another machine.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModerationIT {
    private static final String OTHER_HOST = "127.0.0.2";

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

    private ServerConfig.Builder base() {
        return ChatServerIT.base().dataDir(dir).passwordIterations(1000).allowPlainPasswords(true)
                .operators(List.of("Alice", "Boss"));
    }

    /** alice's account is made as an administrator makes an operator's, on the console; boss has none. */
    @BeforeEach
    void makeOperatorAccount() throws IOException {
        TestAccounts.make(base().build(), "alice", "correct horse");
    }

    private ChatServer start(ServerConfig.Builder builder) throws IOException {
        return track(ChatServer.start(builder.build()));
    }

    /** alice, listed as an operator, logs in with the password set on the console, and so is one. */
    private TestLineClient operator(int port) throws IOException {
        return track(TestLineClient.login(port, "alice", "correct horse"));
    }

    private TestLineClient connect(String from, int port) throws IOException {
        TestLineClient client = track(TestLineClient.connectRaw(from, port, 0));
        client.awaitLine("HELLO ");
        return client;
    }

    @Test
    void anOperatorKicksAndEveryoneSeesItEvenInABigRoom() throws Exception {
        ChatServer server = start(base().announceLimit(1)); // joins and leaves are not announced any more
        TestLineClient alice = operator(server.port());
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob"));
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));

        carol.send("/kick bob");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_OPERATOR only operators may use /kick");
        carol.send("/kick alice");
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR NOT_OPERATOR ");

        alice.send("/kick ghost");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_USER ghost");
        alice.send("/kick BOB stop the spam");
        assertThat(bob.readToEnd()).last().isEqualTo("BYE kicked by alice: stop the spam");
        assertThat(carol.awaitLine("LEAVE ")).isEqualTo("LEAVE bob kicked by alice: stop the spam");
        assertThat(alice.awaitLine("LEAVE ")).isEqualTo("LEAVE bob kicked by alice: stop the spam");
        TestLineClient back = connect("127.0.0.1", server.port()); // at once, as a script would
        back.send("bob");
        assertThat(back.awaitLine("ERROR ")).matches("ERROR NAME_HELD bob was kicked; the name is free again in (59|60) s, "
                + "or log in under another");
        back.send("bobby"); // a kick is not a ban
        back.awaitLine("WELCOME bobby ");
    }

    /**
     * {@code /oper NAME PASSWORD} gives a session logged in under another name the powers of a listed operator
     * with an account: a name not listed is refused before any hash; a wrong password leaves the session as it
     * was, and wrong passwords are throttled as logins are.
     */
    @Test
    void operGivesAnOperatorsPowersUnderAnotherNameAndWrongPasswordsAreThrottled() throws Exception {
        ChatServer server = start(base());
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob"));

        carol.send("/oper root correct horse");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NO_OPERATOR_NAME root is not one of this server's operators");
        carol.send("/oper alice wrong horse");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR OPER_PASSWORD_WRONG wrong password for alice's operator powers");
        carol.send("/oper boss correct horse"); // listed, but without an account: no password is right
        assertThat(carol.awaitLine("ERROR ")).startsWith("ERROR OPER_PASSWORD_WRONG ");
        carol.send("/kick bob");
        assertThat(carol.awaitLine("ERROR ")).isEqualTo("ERROR NOT_OPERATOR only operators may use /kick");

        carol.send("/oper alice correct horse");
        assertThat(carol.awaitLine("INFO ")).isEqualTo("INFO You are an operator now.");
        carol.send("/whois carol");
        assertThat(carol.awaitLine("INFO carol")).contains(", operator");
        carol.send("/kick bob enough");
        assertThat(bob.readToEnd()).last().isEqualTo("BYE kicked by carol: enough");

        TestLineClient dave = connect("127.0.0.3", server.port());
        dave.send("dave");
        dave.awaitLine("WELCOME dave ");
        for (int i = 0; i < GuessThrottle.FREE_FAILURES; i++) {
            dave.send("/oper alice guess number " + i);
            assertThat(dave.awaitLine("ERROR ")).startsWith("ERROR OPER_PASSWORD_WRONG ");
        }
        dave.send("/oper alice correct horse"); // right now, but too soon: not even checked
        assertThat(dave.awaitLine("ERROR ")).matches("ERROR PASSWORD_THROTTLED too many wrong passwords from your address; wait \\d+ s, then try again");
        dave.send("/kick carol");
        assertThat(dave.awaitLine("ERROR ")).startsWith("ERROR NOT_OPERATOR ");
    }

    @Test
    void aKickedNameIsFreeAgainOnceTheHoldEnds() throws Exception {
        ChatServer server = start(base().kickHold(Duration.ofSeconds(2)));
        TestLineClient alice = operator(server.port());
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob"));
        alice.send("/kick bob");
        bob.readToEnd();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            try (TestLineClient again = TestLineClient.connectRaw(server.port())) {
                again.awaitLine("LIMITS ");
                again.send("bob");
                assertThat(again.readLine()).startsWith("WELCOME bob ");
            }
        });
    }

    /** On one machine, or behind one NAT, a name is banned alone; an address ban covering the operator is still refused. */
    @Test
    void banningANameThatSharesTheOperatorsAddressBansTheNameAlone() throws Exception {
        ChatServer server = start(base());
        TestLineClient alice = operator(server.port());
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob")); // 127.0.0.1, as alice
        alice.send("/ban bob spam");
        assertThat(alice.awaitLine("INFO Banned")).isEqualTo("INFO Banned bob: spam (the name only: bob shares your address).");
        assertThat(bob.readToEnd()).last().isEqualTo("BYE banned by alice: spam");
        TestLineClient again = connect("127.0.0.1", server.port());
        again.send("bob");
        assertThat(again.awaitLine("ERROR ")).isEqualTo("ERROR BANNED bob is banned from this server: spam");
        track(TestLineClient.login(server.port(), "carol")); // the address is not banned
        alice.send("/ban 127.0.0.1");
        assertThat(alice.awaitLine("ERROR ")).startsWith("ERROR BAN_COVERS_YOU that ban would cover your own address 127.0.0.1");
    }

    @Test
    void aBanByNameTakesTheAddressAlongAndIsCheckedAtConnectAndLogin() throws Exception {
        ChatServer server = start(base());
        TestLineClient alice = operator(server.port());
        TestLineClient bob = track(TestLineClient.login(OTHER_HOST, server.port(), "bob"));
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));

        alice.send("/ban bob 1h flooding");
        assertThat(alice.awaitLine("INFO ")).matches("INFO Banned bob \\(127\\.0\\.0\\.2\\) until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: flooding\\.");
        assertThat(bob.readToEnd()).last().asString().matches("BYE banned by alice until .* UTC: flooding");
        assertThat(carol.awaitLine("LEAVE ")).matches("LEAVE bob banned by alice until .* UTC: flooding");

        TestLineClient fromThere = track(TestLineClient.connectRaw(OTHER_HOST, server.port(), 0));
        List<String> refused = fromThere.readToEnd();
        assertThat(refused).hasSize(2);
        assertThat(refused.get(0)).matches("ERROR BANNED you are banned from this server until .* UTC: flooding");
        assertThat(refused.get(1)).isEqualTo("BYE banned");

        TestLineClient asBob = connect("127.0.0.1", server.port());
        asBob.send("Bob");
        assertThat(asBob.readToEnd()).containsSubsequence("ERROR BANNED Bob is banned from this server until " + refused.get(0).split(" until ")[1], "BYE banned");
    }

    @Test
    void bansAreKeptOverARestartListedAndLifted() throws Exception {
        ChatServer first = ChatServer.start(base().build());
        TestLineClient alice = operator(first.port());
        alice.send("/ban 127.0.0.0/8 everyone");
        assertThat(alice.awaitLine("ERROR ")).isEqualTo("ERROR BAN_COVERS_YOU that ban would cover your own address 127.0.0.1; ban a narrower network");
        alice.send("/ban 127.0.0.4/30 a whole network");
        alice.awaitLine("INFO Banned 127.0.0.4/30: a whole network.");
        alice.send("/ban mallory");
        alice.awaitLine("INFO Banned mallory.");
        first.close();
        assertThat(String.join("\n", StoredRegistry.bans(dir))).contains(" 127.0.0.4/30 alice ", " mallory - alice ");

        ChatServer second = start(base());
        TestLineClient refused = track(TestLineClient.connectRaw("127.0.0.5", second.port(), 0));
        assertThat(refused.readToEnd()).containsExactly("ERROR BANNED you are banned from this server: a whole network", "BYE banned");

        TestLineClient op = connect("127.0.0.1", second.port()); // outside the /30
        op.send("alice");
        op.awaitLine("PASSWORD alice ");
        op.send("correct horse");
        op.awaitLine("WELCOME alice ");
        op.send("/bans");
        assertThat(op.awaitLine("INFO ")).isEqualTo("INFO Bans (2):");
        assertThat(op.awaitLine("INFO ")).startsWith("INFO   127.0.0.4/30: a whole network (by alice, ");
        assertThat(op.awaitLine("INFO ")).startsWith("INFO   mallory (by alice, ");
        op.send("/unban 127.0.0.4/30");
        assertThat(op.awaitLine("INFO ")).isEqualTo("INFO Lifted the ban of 127.0.0.4/30.");
        op.send("/unban 127.0.0.4/30");
        assertThat(op.awaitLine("ERROR ")).startsWith("ERROR NO_SUCH_BAN no ban matches 127.0.0.4/30");
        track(TestLineClient.login("127.0.0.5", second.port(), "carol")); // the network may come back
    }

    /** aIice (capital i) beside the operator alice, or a1ice while alice is away: refused, as look-alikes. */
    @Test
    void aNameThatLooksLikeOneOnlineOrRegisteredIsRefused() throws Exception {
        ChatServer server = start(base());
        TestLineClient mallory = connect("127.0.0.1", server.port());
        mallory.send("a1ice"); // alice is registered, not online
        assertThat(mallory.awaitLine("ERROR ")).isEqualTo("ERROR NAME_LOOKALIKE a1ice looks too much like alice, a name in use "
                + "here; choose another name");
        TestLineClient alice = operator(server.port());
        TestLineClient bob = track(TestLineClient.login(server.port(), "bob"));
        mallory.send("BOB");
        assertThat(mallory.awaitLine("ERROR ")).startsWith("ERROR NAME_TAKEN BOB ");
        mallory.send("b0b"); // bob is online, not registered
        assertThat(mallory.awaitLine("ERROR ")).startsWith("ERROR NAME_LOOKALIKE b0b looks too much like bob");
        mallory.send("aIice");
        assertThat(mallory.awaitLine("ERROR ")).startsWith("ERROR NAME_LOOKALIKE aIice looks too much like alice");
        mallory.send("mallory");
        mallory.awaitLine("WELCOME mallory ");
        bob.send("/quit");
        alice.awaitLine("LEAVE bob ");
        track(TestLineClient.login(server.port(), "b0b")); // bob is gone and was never registered: the name is free
    }

    @Test
    void aTimedBanEnds() throws Exception {
        ChatServer server = start(base());
        TestLineClient alice = operator(server.port());
        alice.send("/ban dave 2s cool down");
        alice.awaitLine("INFO Banned dave until ");
        assertThat(alice.awaitLine("INFO ")).startsWith("INFO alice banned dave until ").endsWith(": cool down");

        TestLineClient early = connect("127.0.0.1", server.port());
        early.send("dave");
        assertThat(early.awaitLine("ERROR ")).startsWith("ERROR BANNED dave is banned");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            try (TestLineClient later = TestLineClient.connectRaw(server.port())) {
                later.awaitLine("HELLO ");
                later.send("dave");
                later.awaitLine("WELCOME dave "); // while banned, the stream ends first and this fails
            }
        });
    }

    @Test
    void operatorsSeeAddressesThatOthersDoNot() throws Exception {
        ChatServer server = start(base().addresses(ServerConfig.AddressVisibility.HIDE));
        TestLineClient alice = operator(server.port());
        TestLineClient carol = track(TestLineClient.login(server.port(), "carol"));
        track(TestLineClient.login(OTHER_HOST, server.port(), "bob"));
        assertThat(alice.awaitLine("JOIN bob ")).isEqualTo("JOIN bob 127.0.0.2");
        assertThat(carol.awaitLine("JOIN bob ")).isEqualTo("JOIN bob -");
        carol.send("/whois bob");
        assertThat(carol.awaitLine("INFO ")).startsWith("INFO bob: online since ").doesNotContain("127.0.0.2");
        alice.send("/whois bob");
        assertThat(alice.awaitLine("INFO ")).startsWith("INFO bob: online since ").endsWith(", from 127.0.0.2");
        carol.send("/whois alice");
        assertThat(carol.awaitLine("INFO ")).contains(", operator");

        alice.send("/ban 10.1.2.3");
        alice.awaitLine("INFO Banned 10.1.2.3.");
        assertThat(carol.awaitLine("INFO ")).isEqualTo("INFO alice banned an address");
    }

    @Test
    void aListedNameRegisteredOverTheProtocolNeverMakesAnOperator() throws Exception {
        ChatServer server = start(base());
        TestLineClient boss = track(TestLineClient.login(server.port(), "boss")); // listed, no account
        boss.send("/register correct horse");
        assertThat(boss.awaitLine("ERROR ")).isEqualTo("ERROR OPERATOR_NAME boss is an operator's name: only the server's "
                + "administrator makes its account, on the server's console");
        boss.send("/bans");
        assertThat(boss.awaitLine("ERROR ")).startsWith("ERROR NOT_OPERATOR ");
        boss.send("/help");
        boss.awaitLine("INFO   /unregister");
        boss.send("/whois boss");
        assertThat(boss.awaitLine("INFO ")).doesNotContain("operator");
        boss.send("/kick alice");
        assertThat(boss.awaitLine("ERROR ")).startsWith("ERROR NOT_OPERATOR ");
        boss.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.onlineNames().contains("boss")); // the name is free

        TestLineClient again = connect("127.0.0.1", server.port()); // nothing was registered: no password asked
        again.send("boss");
        again.awaitLine("WELCOME boss ");
    }

    @Test
    void theConsoleSetsAnOperatorsPasswordAndRefusesWhileTheServerHoldsTheDirectory() throws Exception {
        ChatServer server = start(base());
        assertThatThrownBy(() -> AccountConsole.run(AccountConsole.Change.SET_PASSWORD, Username.parse("alice").orElseThrow(),
                base().build(), TestAccounts.given("new password", "new password")))
                .isInstanceOf(IOException.class).hasMessageContaining("another server is running with the data directory " + dir);
        server.close();
        assertThatThrownBy(() -> AccountConsole.run(AccountConsole.Change.SET_PASSWORD, Username.parse("alice").orElseThrow(),
                base().build(), TestAccounts.given("new password", "other password")))
                .hasMessage("the two passwords differ; nothing changed");
        assertThatThrownBy(() -> AccountConsole.run(AccountConsole.Change.ADD, Username.parse("Alice").orElseThrow(),
                base().build(), TestAccounts.given("new password", "new password")))
                .hasMessage("Alice has an account already; --set-password Alice changes its password");
        assertThat(AccountConsole.run(AccountConsole.Change.SET_PASSWORD, Username.parse("alice").orElseThrow(),
                base().build(), TestAccounts.given("new password", "new password")))
                .isEqualTo("Set the password of alice (an operator, as --operators lists it) in " + dir + ".");

        ChatServer again = start(base());
        TestLineClient alice = track(TestLineClient.login(again.port(), "alice", "new password"));
        alice.send("/bans");
        assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO No bans.");
    }
}
