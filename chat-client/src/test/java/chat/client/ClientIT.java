package chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client, in-process in plain mode, against a real server on a loopback port. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private ChatServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws IOException {
        server = ChatServer.start(ServerConfig.defaults(0));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CompletableFuture<Integer> runClient(InputStream stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = String.valueOf(server.port());
        System.arraycopy(args, 0, all, 2, args.length);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> ClientMain.run(stdin, o, e, false, all));
    }

    private String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static InputStream typed(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pipedClientSendsEveryLineAndExitsZeroOnQuit() throws Exception {
        try (TestLineClient bob = TestLineClient.login(server.port(), "bob")) {
            int status = runClient(typed("hello from a script\n/msg bob psst\nquit\n"), "--name", "bot")
                    .get(60, TimeUnit.SECONDS);
            assertThat(status).isZero();
            assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG bot hello from a script");
            assertThat(bob.awaitLine("PRIVATE ")).isEqualTo("PRIVATE bot bob psst");
            assertThat(bob.awaitLine("LEAVE ")).isEqualTo("LEAVE bot quit");
        }
        assertThat(output()).contains("] <bot> hello from a script", "] -> *bob*: psst", "] * You left.");
        assertThat(output()).doesNotContain("MSG ", "PRIVATE ");
    }

    @Test
    void printsWhatOthersSayWhileWaitingForInput() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        CompletableFuture<Integer> client = runClient(new PipedInputStream(keyboard), "--name", "carol");
        try (TestLineClient bob = TestLineClient.login(server.port(), "bob")) {
            await().atMost(WAIT).until(() -> server.onlineNames().contains("carol"));
            bob.send("hi carol");
            await().atMost(WAIT).until(() -> output().contains("] <bob> hi carol"));
            keyboard.write("hi bob\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            assertThat(bob.awaitLine("MSG carol")).isEqualTo("MSG carol hi bob");
            keyboard.close(); // end of input leaves like /quit
            assertThat(client.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(bob.awaitLine("LEAVE ")).isEqualTo("LEAVE carol quit");
        }
    }

    @Test
    void withoutNameReadsItFromInputAndAsksAgainWhenRefused() throws Exception {
        try (TestLineClient taken = TestLineClient.login(server.port(), "alice")) {
            int status = runClient(typed("alice\nbad name\nalice2\nhello\n")).get(60, TimeUnit.SECONDS);
            assertThat(status).isZero();
            assertThat(taken.awaitLine("MSG ")).isEqualTo("MSG alice2 hello");
        }
        assertThat(output())
                .contains("! Error: alice is already in use; choose another name")
                .contains("! Error: a name is 1-20 letters")
                .contains("] <alice2> hello");
    }

    @Test
    void refusedNameFromCommandLineEndsAScriptWithStatusOne() throws Exception {
        try (TestLineClient taken = TestLineClient.login(server.port(), "alice")) {
            assertThat(runClient(typed("hello\n"), "--name", "ALICE").get(60, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(output()).contains("! Error: ALICE is already in use; choose another name");
    }

    @Test
    void serverGoingAwayEndsTheClientWithStatusOne() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        CompletableFuture<Integer> client = runClient(new PipedInputStream(keyboard), "--name", "dave");
        await().atMost(WAIT).until(() -> server.onlineNames().contains("dave"));
        server.close();
        assertThat(client.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(output()).contains("* Disconnected: server shutting down");
        keyboard.close();
    }

    @Test
    void refusedConnectionIsOneLineAndStatusOne() throws Exception {
        int port = server.port();
        server.close();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = ClientMain.run(typed(""), o, e, false, "--port", String.valueOf(port), "--name", "x");
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Cannot connect to 127.0.0.1:" + port + ": connection refused" + System.lineSeparator());
    }

    @Test
    void endOfInputAtTheNamePromptLeavesWithStatusZero() throws Exception {
        assertThat(runClient(typed("")).get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void helpReadsWithoutBrokenWordsOrPaths() {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(ClientMain.run(typed(""), o, e, false, "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: client.jar [OPTION]..." + System.lineSeparator() + "Chats on a chat server.")
                .contains("(~/.config/chat/known_servers)", "$XDG_DOWNLOAD_DIR/chat");
        for (String line : help.lines().toList()) {
            assertThat(line.length()).as("width of: %s", line).isLessThanOrEqualTo(80);
            assertThat(line).doesNotEndWith("/.").doesNotEndWith(";");
        }
    }
}
