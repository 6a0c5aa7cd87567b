package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.client.SamePort;
import chat.client.text.EventText;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.ServerEvent;
import chat.server.ChatServer;
import chat.server.RedisProcess;
import chat.server.TestLineClient;
import chat.server.accounts.Accounts;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client core with no face, against a real server on a loopback port: what both faces rely on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatSessionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AutoCloseable> opened = new ArrayList<>();

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private ChatSession loggedIn(int port, String name, Recorder recorder, boolean reconnect) throws IOException {
        ChatSession session = track(new ChatSession("127.0.0.1", port, recorder, reconnect));
        session.connect();
        assertThat(session.login(name)).isInstanceOf(ServerEvent.Welcome.class);
        return session;
    }

    @Test
    void pastedLinesArriveAllInOrderAsTextWithNoRefusal() throws Exception {
        // 20 lines/s (the default is 5) so that 130 lines take seconds; the pacing is the same at any rate
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).rateLimit(20, 10).build()));
        TestLineClient watcher = track(TestLineClient.login("127.0.0.2", server.port(), "watcher"));
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(server.port(), "alice", recorder, false);
        List<String> paste = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            paste.add(i == 40 ? "quit" : i == 41 ? "/msg watcher not a command" : i == 42 ? "//two slashes" : "line " + i);
        }
        long start = System.nanoTime();
        assertThat(alice.sendText(paste, new AtomicBoolean())).isEqualTo(130);
        for (String line : paste) {
            assertThat(watcher.awaitLine("MSG alice ")).isEqualTo("MSG alice " + line);
        }
        System.out.printf("paste of 130 lines at 20/s: all arrived as text, in order, in %.1f s; refused: %s%n",
                (System.nanoTime() - start) / 1e9, recorder.refused());
        assertThat(recorder.refused()).isFalse();
        assertThat(alice.state()).isEqualTo(ConnectionState.CHATTING); // the pasted "quit" did not leave
    }

    @Test
    void aPasteCanBeCancelled() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).build()));
        ChatSession alice = loggedIn(server.port(), "alice", new Recorder(), false);
        AtomicBoolean cancelled = new AtomicBoolean(true);
        assertThat(alice.sendText(List.of("a", "b"), cancelled)).isZero();
    }

    @Test
    void reconnectsAfterTheServerRestartsOnTheSamePortUnderTheSameName() throws Exception {
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).build());
        int port = first.port();
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(port, "alice", recorder, true);
        first.close();
        await().atMost(WAIT).until(() -> recorder.states.contains(ConnectionState.RECONNECTING));
        assertThatThrownBy(() -> alice.send("while away")).isInstanceOf(IOException.class);
        ChatServer second = track(SamePort.startAgain(ServerConfig.builder(), port));
        await().atMost(WAIT).until(() -> alice.state() == ConnectionState.CHATTING);
        TestLineClient bob = track(TestLineClient.login("127.0.0.2", second.port(), "bob"));
        alice.send("back again");
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG alice back again");
        assertThat(recorder.states).containsSubsequence(ConnectionState.CHATTING, ConnectionState.RECONNECTING, ConnectionState.CHATTING);
    }

    /** Several nodes serve one chat (docs/OPERATIONS.md, "Several nodes"): a node restarts, the chat goes on. */
    @Test
    void aRestartedNodesClientComesBackToTheSameChat() throws Exception {
        RedisProcess redis = track(RedisProcess.start()); // closed last: the nodes leave it first
        ServerConfig.Builder node = ServerConfig.builder().port(0).transferPort(-1).history(0)
                .cluster(redis.uri(), Duration.ofSeconds(3));
        ChatServer stays = track(ChatServer.start(node.build()));
        ChatServer restarts = ChatServer.start(node.build());
        int port = restarts.port();
        TestLineClient bob = track(TestLineClient.login(stays.port(), "bob"));
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(port, "alice", recorder, true);
        assertThat(bob.awaitLine("JOIN ")).startsWith("JOIN alice");

        restarts.close();
        assertThat(bob.awaitLine("LEAVE ")).startsWith("LEAVE alice");
        await().atMost(WAIT).until(() -> recorder.states.contains(ConnectionState.RECONNECTING));
        track(SamePort.startAgain(node, port));
        await().atMost(WAIT).until(() -> alice.state() == ConnectionState.CHATTING);
        assertThat(bob.awaitLine("JOIN ")).startsWith("JOIN alice");

        alice.send("back again");
        assertThat(bob.awaitLine("MSG ")).isEqualTo("MSG alice back again");
        bob.send("welcome back");
        await().atMost(WAIT).until(() -> recorder.events.stream()
                .anyMatch(e -> e instanceof ServerEvent.Msg m && m.from().equals("bob") && m.text().equals("welcome back")));
    }

    @Test
    void asksForPasswordsOnceAndLogsInWithThemAgainAfterALoss(@TempDir Path dir)
            throws Exception {
        ServerConfig.Builder config = ServerConfig.builder().port(0).dataDir(dir).passwordIterations(1000)
                .allowPlainPasswords(true).serverPassword("open sesame");
        ChatServer first = ChatServer.start(config.build());
        int port = first.port();
        Recorder recorder = new Recorder();
        recorder.agree = true; // to sending them unencrypted
        ChatSession alice = track(new ChatSession("127.0.0.1", port, recorder, true));
        alice.connect();
        recorder.passwords.add("open sesame");
        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        recorder.passwords.addAll(List.of("correct horse", "correct horse"));
        alice.send("/register");
        await().atMost(WAIT).until(() -> recorder.events.stream()
                .anyMatch(e -> e instanceof ServerEvent.Info i && i.text().startsWith("alice is registered now")));
        String server = "127.0.0.1:" + port;
        assertThat(recorder.questions).containsExactly("Password of the server " + server + ": ",
                "New password for alice at " + server + ": ", "The same again: ");
        assertThat(recorder.confirmations).hasSize(1); // asked once for the session

        first.close();
        await().atMost(WAIT).until(() -> recorder.states.contains(ConnectionState.RECONNECTING));
        ChatServer second = track(SamePort.startAgain(config, port));
        await().atMost(WAIT).until(() -> alice.state() == ConnectionState.CHATTING);
        assertThat(recorder.questions).hasSize(3); // nobody was asked again

        Recorder other = new Recorder();
        other.agree = true;
        ChatSession bob = track(new ChatSession("127.0.0.1", second.port(), other, false));
        bob.connect();
        other.passwords.addAll(List.of("open sesame", "wrong horse")); // then none: the person gives up
        alice.send("/quit");
        alice.awaitEnd(30, TimeUnit.SECONDS);
        ServerEvent answer = bob.login("alice");
        assertThat(answer).isInstanceOf(ServerEvent.Error.class);
        assertThat(((ServerEvent.Error) answer).code()).isEqualTo(ErrorCode.PASSWORD_WRONG);
        assertThat(other.questions).containsExactly("Password of the server " + server + ": ",
                "Password for alice at " + server + ": ", "Wrong password. Password for alice at " + server + ": ");
    }

    /** {@code /oper NAME} typed alone: the client asks for the operator's password once, without echo, and sends it. */
    @Test
    void operAloneAsksForTheOperatorsPassword(@TempDir Path data) throws Exception {
        Accounts.load(data.resolve("accounts"), 1000).register("op", "correct horse".toCharArray());
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).allowPlainPasswords(true).dataDir(data)
                .passwordIterations(1000).operators(List.of("op")).build()));
        Recorder recorder = new Recorder();
        recorder.agree = true; // to sending it unencrypted
        ChatSession alice = track(new ChatSession("127.0.0.1", server.port(), recorder, false));
        alice.connect();
        assertThat(alice.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        recorder.passwords.add("correct horse");
        alice.send("/oper op");
        await().atMost(WAIT).until(() -> recorder.events.stream()
                .anyMatch(e -> e instanceof ServerEvent.Info i && i.text().equals(ClientCommand.Oper.DONE)));
        assertThat(recorder.questions).containsExactly("Password of the operator op at 127.0.0.1:" + server.port() + ": ");
        assertThat(recorder.confirmations).hasSize(1);
    }

    @Test
    void aBanEndsTheLoginWithItsReason(@TempDir Path data) throws Exception {
        // an operator's account is made out of band, as the server's console does (server.jar --add-account)
        Accounts.load(data.resolve("accounts"), 1000).register("op", "correct horse".toCharArray());
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).allowPlainPasswords(true).dataDir(data)
                .passwordIterations(1000).operators(List.of("op")).build()));
        TestLineClient op = track(TestLineClient.login(server.port(), "op", "correct horse"));
        op.send("/ban mallory 1h spam");
        op.awaitLine("INFO Banned mallory");
        ChatSession mallory = track(new ChatSession("127.0.0.1", server.port(), new Recorder(), false));
        mallory.connect();
        ServerEvent answer = mallory.login("mallory");
        assertThat(answer).isInstanceOf(ServerEvent.Bye.class);
        assertThat(((ServerEvent.Bye) answer).text()).matches("mallory is banned from this server until .* UTC: spam");
    }

    @ParameterizedTest
    @CsvSource({"/kick alice flooding, kicked by op: flooding",
            "/ban alice 1h spam, banned by op until"})
    void aKickedOrBannedPersonIsToldWhyAndNotBroughtBack(String command, String because,
            @TempDir Path data) throws Exception {
        Accounts.load(data.resolve("accounts"), 1000).register("op", "correct horse".toCharArray());
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).allowPlainPasswords(true).dataDir(data)
                .passwordIterations(1000).operators(List.of("op")).kickHold(Duration.ofSeconds(1)).build()));
        TestLineClient op = track(TestLineClient.login("127.0.0.2", server.port(), "op", "correct horse"));
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(server.port(), "alice", recorder, true);
        op.awaitLine("JOIN alice");
        op.send(command);
        assertThat(alice.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        assertThat(alice.removed()).isTrue();
        assertThat(alice.left()).isFalse();
        assertThat(recorder.states).doesNotContain(ConnectionState.RECONNECTING).endsWith(ConnectionState.CLOSED);
        assertThat(recorder.events).last().isInstanceOfSatisfying(ServerEvent.Bye.class,
                bye -> assertThat(bye.text()).startsWith(because));
        assertThat(new EventText().words(recorder.events.get(recorder.events.size() - 1)))
                .startsWith("! You were " + because).endsWith(". Not reconnecting: come back by hand when you may.");
    }

    @Test
    void aCleanQuitEndsWithoutReconnecting() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).build()));
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(server.port(), "alice", recorder, true);
        alice.send("quit");
        assertThat(alice.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        assertThat(alice.left()).isTrue();
        assertThat(recorder.states).doesNotContain(ConnectionState.RECONNECTING).endsWith(ConnectionState.CLOSED);
        assertThat(recorder.events).last().isEqualTo(new ServerEvent.Bye("goodbye"));
    }

    @Test
    void aPersonCanLeaveWhileItWaitsToReconnect() throws Exception {
        ChatServer server = ChatServer.start(ServerConfig.builder().port(0).build());
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(server.port(), "alice", recorder, true);
        server.close();
        await().atMost(WAIT).until(() -> recorder.states.contains(ConnectionState.RECONNECTING));
        alice.quit("");
        assertThat(alice.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.states).last().isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void leavingWhileAnAttemptHangsEndsAtOnce() throws Exception {
        ChatServer server = ChatServer.start(ServerConfig.builder().port(0).build());
        int port = server.port();
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(port, "alice", recorder, true);
        server.close();
        // where the server was, something that takes connections and never greets: an attempt waits 30 s on it
        CountDownLatch attempted = new CountDownLatch(1);
        List<Socket> held = new CopyOnWriteArrayList<>();
        ServerSocket silent = await().atMost(WAIT).until(() -> {
            try {
                return new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                return null; // the port is still held a moment: try again
            }
        }, Objects::nonNull);
        track(silent);
        Thread acceptor = new Thread(() -> {
            try {
                held.add(silent.accept());
                attempted.countDown();
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        assertThat(attempted.await(60, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        alice.quit("");
        assertThat(alice.awaitEnd(5, TimeUnit.SECONDS)).isTrue(); // not the 30 s the attempt would wait
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(alice.left()).isTrue();
        assertThat(recorder.states).last().isEqualTo(ConnectionState.CLOSED);
        System.out.printf("left during a hanging reconnect attempt in %.2f s%n", seconds);
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void aWrongPortIsReportedAtConnectBeforeAnyName() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ChatSession session = track(new ChatSession("127.0.0.1", port, new Recorder(), true));
        assertThatThrownBy(session::connect).isInstanceOf(IOException.class)
                .hasMessage("Cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aRefusedNameCanBeTriedAgainOnTheSameConnection() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).build()));
        track(TestLineClient.login("127.0.0.2", server.port(), "alice"));
        ChatSession session = track(new ChatSession("127.0.0.1", server.port(), new Recorder(), false));
        session.connect();
        assertThat(session.login("ALICE")).isInstanceOf(ServerEvent.Error.class);
        assertThat(session.login("bad name")).isInstanceOf(ServerEvent.Error.class);
        assertThat(session.login("alice2")).isEqualTo(new ServerEvent.Welcome("alice2",
                "Welcome, alice2! Type /help for commands, /list to see who is here."));
    }

    @Test
    void membersFollowJoinsAndLeaves() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).build()));
        Recorder recorder = new Recorder();
        ChatSession alice = loggedIn(server.port(), "alice", recorder, false);
        await().atMost(WAIT).until(() -> alice.members().names().equals(List.of("alice")));
        try (TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "Bob")) {
            await().atMost(WAIT).until(() -> alice.members().names().equals(List.of("alice", "Bob")));
            assertThat(alice.members().address("bob")).isEqualTo("127.0.0.2");
        }
        await().atMost(WAIT).until(() -> alice.members().names().equals(List.of("alice")));
    }

    @Test
    void aClientAtTheTransferPortIsToldWhereTheChatIs() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.builder().port(0).transferPort(0).build()));
        ChatSession session = track(new ChatSession("127.0.0.1", server.transferPort(), new Recorder(), false));
        long start = System.nanoTime();
        assertThatThrownBy(session::connect).isInstanceOf(IOException.class).hasMessage("127.0.0.1:" + server.transferPort()
                + " is a chat server's file transfer port; its chat port is probably 127.0.0.1:" + (server.transferPort() - 1));
        System.out.printf("a client at the transfer port was told in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
