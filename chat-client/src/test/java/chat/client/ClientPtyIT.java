package chat.client;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.Interop;
import chat.server.JarProcess;
import chat.server.TestLineClient;
import chat.server.tls.ServerCertificate;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * client.jar at a real terminal (a pseudo-terminal from util-linux {@code script}), the person's keys and
 * screen the test's, against server.jar: ClientJarIT's other half, a class of its own so that the two run at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientPtyIT {
    private static final Path CLIENT_JAR = ClientJarIT.CLIENT_JAR;
    private static final Path SERVER_JAR = ClientJarIT.SERVER_JAR;
    private static final Duration WAIT = ClientJarIT.WAIT;

    /**
     * At a real terminal (a pseudo-terminal from util-linux {@code script}) with {@code TERM=dumb}, the client
     * prints plain lines and reads plain lines: not one escape sequence. With {@code TERM=xterm} it does use
     * them (its input line), which shows the test can tell.
     */
    @Interop({"script"})
    @ParameterizedTest
    @CsvSource({"dumb, false", "xterm, true"})
    void aDumbTerminalGetsPlainLinesWithoutEscapes(String term, boolean escapes, @TempDir Path dir) throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0")) {
            int port = server.listeningPort(WAIT);
            try (TestLineClient peer = TestLineClient.login(port, "peer")) {
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                String command = javaBin + " -jar " + CLIENT_JAR.toAbsolutePath() + " --port " + port + " --name tty";
                Path screen = dir.resolve("screen");
                ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                        .redirectOutput(screen.toFile()).redirectErrorStream(true);
                builder.environment().put("TERM", term);
                builder.environment().put("XDG_STATE_HOME", dir.toString()); // its history file goes here
                Process client = builder.start();
                try (OutputStream keyboard = client.getOutputStream()) {
                    peer.awaitLine("JOIN tty");
                    keyboard.write("hello\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(peer.awaitLine("MSG ")).isEqualTo("MSG tty hello");
                    keyboard.write("quit\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(peer.awaitLine("LEAVE ")).isEqualTo("LEAVE tty quit");
                    assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
                } finally {
                    client.destroyForcibly();
                }
                String shown = Files.readString(screen, StandardCharsets.UTF_8);
                assertThat(shown.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "")).contains("<tty> hello");
                assertThat(shown.contains("\u001b")).as("escape sequences with TERM=" + term + " in: " + shown).isEqualTo(escapes);
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
        }
    }

    @Interop({"script"})
    @Test
    void aPersonRegistersWithoutEchoAndAScriptLogsInWithThePasswordNeitherShownNorLogged(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("server");
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--tls", "--data-dir", data.toString(),
                "--log-level", "debug")) {
            int port = server.listeningPort(WAIT);
            String fingerprint = server.awaitLine("fingerprint (SHA256:\\S+)", WAIT).group(1);
            var certificate = ServerCertificate.fromPem(data.resolve("tls/cert.pem"), data.resolve("tls/key.pem"));
            try (TestLineClient peer = TestLineClient.login(TestLineClient.connectTls(port, certificate.certificate()), "peer")) {
                Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_STATE_HOME", dir.toString());
                // a person at a terminal registers: asked twice, nothing of it echoed
                Path screen = dir.resolve("screen");
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder builder = new ProcessBuilder("script", "-qfec", javaBin + " -jar " + CLIENT_JAR.toAbsolutePath()
                        + " --fingerprint " + fingerprint + " --port " + port + " --name alice", "/dev/null")
                        .redirectOutput(screen.toFile()).redirectErrorStream(true);
                builder.environment().putAll(env);
                builder.environment().put("TERM", "dumb");
                Process person = builder.start();
                try (OutputStream keyboard = person.getOutputStream()) {
                    peer.awaitLine("JOIN alice");
                    keyboard.write("/register\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("New password for alice at 127.0.0.1:" + port + ": "));
                    keyboard.write("correct horse\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("The same again: "));
                    keyboard.write("correct horse\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Files.readString(screen).contains("alice is registered now"));
                    keyboard.write("quit\r".getBytes(StandardCharsets.UTF_8));
                    keyboard.flush();
                    assertThat(person.waitFor(30, TimeUnit.SECONDS)).isTrue();
                } finally {
                    person.destroyForcibly();
                }
                assertThat(Files.readString(screen)).contains("alice is registered now").doesNotContain("correct horse");

                // a script answers the password on the line after the name
                try (JarProcess script = JarProcess.start(env, List.of(), CLIENT_JAR, "--fingerprint", fingerprint, "--port", "" + port)) {
                    script.stdin().write("alice\ncorrect horse\nhello as alice\nquit\n".getBytes(StandardCharsets.UTF_8));
                    script.stdin().flush();
                    assertThat(peer.awaitLine("MSG ")).isEqualTo("MSG alice hello as alice");
                    assertThat(script.awaitExit(WAIT)).isZero();
                    assertThat(script.output()).noneMatch(l -> l.contains("correct horse"));
                }
                Path history = dir.resolve("chat/history");
                assertThat(Files.exists(history) ? Files.readString(history) : "").doesNotContain("correct horse");
            }
            server.terminate();
            assertThat(server.awaitExit(WAIT)).isZero();
            assertThat(server.output()).anyMatch(l -> l.contains("alice registered"))
                    .anyMatch(l -> l.contains("alice logged in from 127.0.0.1 with its password"))
                    .noneMatch(l -> l.contains("correct horse"));
        }
    }
}
