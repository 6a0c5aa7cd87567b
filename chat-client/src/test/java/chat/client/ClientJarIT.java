package chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.client.transfer.SafeFileName;
import chat.client.window.VirtualScreen;
import chat.server.Interop;
import chat.server.JarProcess;
import chat.server.TestLineClient;
import chat.server.tls.ServerCertificate;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both packaged jars as processes: a piped client.jar chats through server.jar with a raw socket peer. The tests
 * run at once (they mostly wait for processes and transfers), so each server has a data directory of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Execution(ExecutionMode.CONCURRENT)
class ClientJarIT {
    static final Path CLIENT_JAR = Path.of("target", "client.jar");
    static final Path SERVER_JAR = Path.of("..", "chat-server", "target", "server.jar");
    static final Duration WAIT = Duration.ofSeconds(30);

    /** server.jar on a free port with {@code dir/server} as its data directory, and {@code options}. */
    private static JarProcess startServer(Path dir, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.resolve("server").toString()));
        args.addAll(List.of(options));
        return JarProcess.start(SERVER_JAR, args.toArray(String[]::new));
    }

    @Test
    void pipedClientChatsWithRawSocketPeer(@TempDir Path dir) throws Exception {
        try (JarProcess server = startServer(dir)) {
            int port = server.listeningPort(WAIT);
            try (TestLineClient peer = TestLineClient.login(port, "peer");
                    JarProcess client = JarProcess.start(CLIENT_JAR, "--port", String.valueOf(port), "--name", "bot")) {
                OutputStream keyboard = client.stdin();
                client.awaitLine("\\* peer joined|\\* bot joined", WAIT);
                keyboard.write("hello, peer\n".getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                assertThat(peer.awaitLine("MSG ")).isEqualTo("MSG bot hello, peer");
                peer.send("hello, bot ✓");
                client.awaitLine("\\] <peer> hello, bot ✓$", WAIT);
                keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
                assertThat(client.awaitExit(WAIT)).isZero();
                assertThat(peer.awaitLine("LEAVE ")).isEqualTo("LEAVE bot quit");
                assertThat(client.output()).noneMatch(l -> l.contains("WARNING") || l.contains("SLF4J") || l.contains("Exception"));
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void overPlainTextAScriptSendsAPasswordOnlyAfterAnsweringYes(@TempDir Path dir) throws Exception {
        try (JarProcess server = startServer(dir, "--allow-plain-passwords")) {
            int port = server.listeningPort(WAIT);
            try (TestLineClient owner = TestLineClient.login(port, "alice")) {
                owner.send("/register correct horse");
                owner.awaitLine("INFO alice is registered now");
            }
            try (TestLineClient peer = TestLineClient.login("127.0.0.2", port, "peer")) {
                // no: the next line is taken for a name, and no password went out
                JarProcess refused = JarProcess.runToEnd(CLIENT_JAR, "alice\ncorrect horse\n", "--port", String.valueOf(port));
                assertThat(refused.output()).anyMatch(l -> l.contains("no password was given for alice"));
                assertThat(refused.exitValue()).isZero(); // the input ended at the name prompt: the person left
                JarProcess agreed = JarProcess.runToEnd(CLIENT_JAR, "alice\ny\ncorrect horse\nhello as alice\nquit\n",
                        "--port", String.valueOf(port));
                assertThat(peer.awaitLine("MSG ")).isEqualTo("MSG alice hello as alice");
                assertThat(agreed.exitValue()).isZero();
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void pipedThousandLinesArriveAllInOrderWithNoRefusal(@TempDir Path dir) throws Exception {
        // 100 lines/s so that the test takes seconds, not minutes; the pacing is the same at any rate
        try (JarProcess server = startServer(dir, "--rate-limit", "100", "--rate-burst", "10")) {
            int port = server.listeningPort(WAIT);
            try (TestLineClient peer = TestLineClient.login("127.0.0.2", port, "peer")) {
                StringBuilder input = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    input.append("line ").append(i).append('\n');
                }
                input.append("quit\n");
                long start = System.nanoTime();
                JarProcess client = JarProcess.runToEnd(CLIENT_JAR, input.toString(), "--port", String.valueOf(port), "--name", "script");
                for (int i = 0; i < 1000; i++) {
                    assertThat(peer.awaitLine("MSG script ")).isEqualTo("MSG script line " + i);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(client.exitValue()).isZero();
                assertThat(client.output()).noneMatch(l -> l.contains("Error"));
                System.out.printf("piped 1,000 lines at 100/s: all arrived, in order, none refused, in %.1f s%n", seconds);
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void theWindowJoinsAtOnceWithAServerAndANameAndSaysGoodbyeWhenTheProcessIsStopped(@TempDir Path config) throws Exception {
        try (JarProcess server = startServer(config)) {
            int port = server.listeningPort(WAIT);
            try (TestLineClient peer = TestLineClient.login(port, "peer");
                    JarProcess client = VirtualScreen.start(Map.of("XDG_CONFIG_HOME", config.toString()), CLIENT_JAR,
                            "--gui", "--host", "127.0.0.1:" + port, "--name", "winnie")) {
                assertThat(peer.awaitLine("JOIN ")).startsWith("JOIN winnie ");
                peer.send("hello, window");
                // remembered once logged in, for the next start
                org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.exists(config.resolve("chat/window.properties")));
                assertThat(Files.readString(config.resolve("chat/window.properties"))).contains("name=winnie");
                client.terminate(); // SIGTERM, as a desktop logging out sends
                assertThat(peer.awaitLine("LEAVE ")).isEqualTo("LEAVE winnie quit");
                client.awaitExit(WAIT);
                assertThat(client.output()).noneMatch(l -> l.contains("Exception") || l.contains("WARNING"));
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void withoutADisplayTheWindowIsRefusedInOneLine() throws Exception {
        try (JarProcess client = JarProcess.start(Map.of("DISPLAY", "", "WAYLAND_DISPLAY", ""), List.of(), CLIENT_JAR,
                "--gui", "--name", "x")) {
            assertThat(client.awaitExit(WAIT)).isEqualTo(1);
            assertThat(client.output()).containsExactly(
                    "No display for a window here (DISPLAY is not set); without --gui the chat runs in this terminal.");
        }
    }

    @Interop({"script"})
    @Test
    void overTlsAPersonIsAskedOnceAScriptPinsAndAnUnknownCertificateIsRefused(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("server");
        try (JarProcess server = startServer(dir, "--tls")) {
            int port = server.listeningPort(WAIT);
            String fingerprint = server.awaitLine("fingerprint (SHA256:\\S+)", WAIT).group(1);
            var certificate = ServerCertificate.fromPem(data.resolve("tls/cert.pem"), data.resolve("tls/key.pem"));
            try (TestLineClient peer = TestLineClient.login(TestLineClient.connectTls(port, certificate.certificate()), "peer")) {
                Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_STATE_HOME", dir.toString());

                // a script cannot be asked: refused in words, status 1, nothing remembered
                try (JarProcess script = JarProcess.start(env, List.of(), CLIENT_JAR, "--tls", "--port", "" + port, "--name", "bot")) {
                    script.stdin().close();
                    assertThat(script.awaitExit(WAIT)).isEqualTo(1);
                    assertThat(script.output()).anyMatch(l -> l.contains("is not known here") && l.contains("--fingerprint " + fingerprint))
                            .noneMatch(l -> l.contains("Exception"));
                }
                // a script that pins the fingerprint chats
                try (JarProcess pinned = JarProcess.start(env, List.of(), CLIENT_JAR, "--fingerprint", fingerprint, "--port", "" + port,
                        "--name", "bot")) {
                    pinned.stdin().write("hello over TLS\nquit\n".getBytes(StandardCharsets.UTF_8));
                    pinned.stdin().flush();
                    assertThat(peer.awaitLine("MSG ")).isEqualTo("MSG bot hello over TLS");
                    assertThat(pinned.awaitExit(WAIT)).isZero();
                    assertThat(pinned.output()).anyMatch(l -> l.endsWith("* Encrypted: TLS 1.3, certificate " + fingerprint + " (pinned)"));
                }
                // a person at a terminal is shown the fingerprint and asked once
                Path screen = dir.resolve("screen");
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder builder = new ProcessBuilder("script", "-qfec",
                        javaBin + " -jar " + CLIENT_JAR.toAbsolutePath() + " --tls --port " + port + " --name person", "/dev/null")
                        .redirectOutput(screen.toFile()).redirectErrorStream(true);
                builder.environment().putAll(env);
                builder.environment().put("TERM", "dumb");
                Process person = builder.start();
                try (OutputStream keyboard = person.getOutputStream()) {
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("Trust it and remember it?"));
                    keyboard.write("y\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    peer.awaitLine("JOIN person");
                    keyboard.write("quit\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(person.waitFor(30, TimeUnit.SECONDS)).isTrue();
                } finally {
                    person.destroyForcibly();
                }
                assertThat(Files.readString(screen)).contains(fingerprint, "(trusted now, on first use)");
                assertThat(Files.readString(dir.resolve("config/chat/known_servers")))
                        .contains("127.0.0.1:" + port + " " + fingerprint);
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void refusedConnectionIsOneLineAndStatusOne() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        JarProcess client = JarProcess.runToEnd(CLIENT_JAR, "", "--port", String.valueOf(port), "--name", "x");
        assertThat(client.exitValue()).isEqualTo(1);
        assertThat(client.output()).containsExactly("Cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port 0          | Error: --port must be between 1 and 65535, not 0",
                "--port x          | Error: Invalid value for option '--port': 'x' is not an int",
                "--name a!b        | Error: invalid --name 'a!b': use 1-20 letters, digits, '_', '-' or '.'",
                "--colour          | Error: Unknown option: '--colour'",
                "--fingerprint abc | Error: --fingerprint must be SHA256: and 43 base64 characters, as the server logs it, not 'abc'"
            })
    void rejectsBadOptionsWithOneLineAndStatusTwo(String args, String expected) throws Exception {
        JarProcess.assertUsageError(CLIENT_JAR, args, expected);
    }

    @Test
    void printsHelpAndVersion() throws Exception {
        JarProcess help = JarProcess.runToEnd(CLIENT_JAR, "", "--help");
        assertThat(help.exitValue()).isZero();
        assertThat(String.join("\n", help.output())).contains("--host", "--port", "--name", "--color", "--no-bell");
        assertThat(help.output()).as("help wraps to 80 columns").allMatch(l -> l.length() <= 80);
        JarProcess version = JarProcess.runToEnd(CLIENT_JAR, "", "--version");
        assertThat(version.output()).first().isEqualTo("chat client 1.0.0");
    }

    @Interop({"script"})
    @Test
    void aPersonAtATerminalAcceptsAFileWithAProgressBarBelowTheInputLineAndKeepsTyping(@TempDir Path dir) throws Exception {
        try (JarProcess server = startServer(dir, "--transfer-rate", "10M")) {
            int port = server.listeningPort(WAIT);
            byte[] bytes = new byte[40_000_000]; // at 10 MiB/s: about 4 s, long enough to watch
            new Random(3).nextBytes(bytes);
            Path file = Files.write(dir.resolve("big.bin"), bytes);
            try (TestLineClient watcher = TestLineClient.login(port, "watcher");
                    JarProcess alice = JarProcess.start(CLIENT_JAR, "--port", "" + port, "--name", "alice",
                            "--download-dir", dir.resolve("alice-downloads").toString())) {
                Path screen = dir.resolve("screen");
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "stty cols 120 rows 30; " + javaBin + " -jar "
                        + CLIENT_JAR.toAbsolutePath() + " --port " + port + " --name bob --download-dir " + dir.resolve("bob-downloads"),
                        "/dev/null").redirectOutput(screen.toFile()).redirectErrorStream(true);
                builder.environment().put("TERM", "xterm-256color");
                builder.environment().put("XDG_STATE_HOME", dir.toString());
                Process person = builder.start();
                try (OutputStream keyboard = person.getOutputStream()) {
                    watcher.awaitLine("JOIN bob");
                    alice.stdin().write(("/send bob " + file + "\n").getBytes(StandardCharsets.UTF_8));
                    alice.stdin().flush();
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("alice offers you big.bin (40.0 MB)"));
                    keyboard.write("/accept\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    // while the bar moves below it, half a line typed stays whole
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("#1 big.bin from alice ["));
                    keyboard.write("still ".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    alice.awaitLine(".*#1 sending big.bin \\(40.0 MB\\) to bob: ([5-9][0-9]|100)% of.*", WAIT); // the bar has moved on meanwhile
                    keyboard.write("typing\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(watcher.awaitLine("MSG bob ")).isEqualTo("MSG bob still typing");
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("saved to " + dir.resolve("bob-downloads")));
                    keyboard.write("quit\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(person.waitFor(30, TimeUnit.SECONDS)).isTrue();
                } finally {
                    person.destroyForcibly();
                }
                assertThat(Files.readAllBytes(dir.resolve("bob-downloads").resolve("big.bin"))).isEqualTo(bytes);
                alice.awaitLine(".*#1 big.bin \\(40.0 MB\\) delivered to bob.*", WAIT);
                alice.stdin().write("quit\n".getBytes(StandardCharsets.UTF_8));
                alice.stdin().flush();
                assertThat(alice.awaitExit(WAIT)).isZero();
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Test
    void aDownloadCutByAKilledClientLeavesNoNameAndIsClearedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path downloads = dir.resolve("downloads");
        Path file = dir.resolve("big.bin");
        byte[] bytes = new byte[1_000_000]; // 5 s at the relay rate below: time enough to kill the first download midway
        new Random(4).nextBytes(bytes);
        Files.write(file, bytes);
        Path part = downloads.resolve("big.bin" + SafeFileName.PART);
        try (JarProcess server = startServer(dir, "--transfer-rate", "200K")) {
            int port = server.listeningPort(WAIT);
            Recorder aliceHears = new Recorder();
            try (ChatSession alice = new ChatSession("127.0.0.1", port, aliceHears, false)) {
                alice.connect();
                alice.login("alice");
                try (JarProcess bob = JarProcess.start(CLIENT_JAR, "--port", "" + port, "--name", "bob",
                        "--download-dir", downloads.toString())) {
                    await().atMost(WAIT).until(() -> alice.members().names().contains("bob"));
                    alice.send("/send bob " + file);
                    bob.awaitLine("alice offers you big\\.bin", WAIT);
                    bob.stdin().write("/accept\n".getBytes(StandardCharsets.UTF_8));
                    bob.stdin().flush();
                    await().atMost(WAIT).until(() -> Files.exists(part) && Files.size(part) > 0);
                    assertThat(downloads.resolve("big.bin")).as("nothing under the name while receiving").doesNotExist();
                    bob.kill(); // SIGKILL, mid-transfer: it cleans up nothing
                    bob.awaitExit(WAIT);
                }
                assertThat(part).as("what the killed client left").exists();
                try (JarProcess again = JarProcess.start(CLIENT_JAR, "--port", "" + port, "--name", "bob2",
                        "--download-dir", downloads.toString())) {
                    await().atMost(WAIT).until(() -> alice.members().names().contains("bob2"));
                    assertThat(part).as("removed at the next start").doesNotExist();
                    alice.send("/send bob2 " + file);
                    again.awaitLine("alice offers you big\\.bin", WAIT);
                    again.stdin().write("/accept\n".getBytes(StandardCharsets.UTF_8));
                    again.stdin().flush();
                    again.awaitLine("saved to ", Duration.ofSeconds(90));
                    assertThat(Files.readAllBytes(downloads.resolve("big.bin"))).isEqualTo(bytes); // not "big (1).bin"
                    try (var listed = Files.list(downloads)) {
                        assertThat(listed.map(p -> p.getFileName().toString())).containsExactly("big.bin");
                    }
                    again.stdin().write("quit\n".getBytes(StandardCharsets.UTF_8));
                    again.stdin().flush();
                    assertThat(again.awaitExit(WAIT)).isZero();
                }
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }
}
