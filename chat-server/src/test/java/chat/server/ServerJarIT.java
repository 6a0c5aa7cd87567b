package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged server.jar as a person runs it: start-up line, signals, exit codes, bad options. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerJarIT {
    static final Path SERVER_JAR = Path.of("target", "server.jar");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    /** Starts the jar on a free port and returns the port from its "Listening on" line. */
    static int awaitListening(JarProcess server) throws InterruptedException {
        Matcher m = server.awaitLine("Listening on 127\\.0\\.0\\.1:(\\d+)", STARTUP);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void startsQuietlyAndStopsOnSigtermWithByeAndStatusZero() throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0")) {
            int port = awaitListening(server);
            try (TestLineClient alice = TestLineClient.login(port, "alice")) {
                server.awaitLine("alice logged in from 127\\.0\\.0\\.1", STARTUP);
                server.terminate();
                assertThat(alice.readToEnd()).last().isEqualTo("BYE server shutting down");
            }
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(server.output()).anyMatch(l -> l.contains("Shutdown completed."));
            assertThat(server.output()).noneMatch(l -> l.contains("WARN") || l.contains("SLF4J") || l.contains("Exception"));
        }
    }

    @Test
    void logsAddressesOthersCanUseWhenBoundToAllInterfaces() throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--host", "0.0.0.0", "--port", "0")) {
            server.awaitLine("Listening on 0\\.0\\.0\\.0:\\d+", STARTUP);
            server.awaitLine("Clients on other machines can connect to: ", STARTUP);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port 70000            | Error: port must be between 0 and 65535, not 70000",
                "--port abc              | Error: Invalid value for option '--port': 'abc' is not an int",
                "--host nosuch.invalid   | Error: unknown host: nosuch.invalid",
                "--max-clients 0         | Error: max clients must be between 1 and 1000000, not 0",
                "--threads green         | Error: --threads must be auto, virtual or platform, not 'green'",
                "--bogus                 | Error: Unknown option: '--bogus'"
            })
    void rejectsBadOptionsWithOneLineAndStatusTwo(String args, String expected) throws Exception {
        JarProcess.assertUsageError(SERVER_JAR, args, expected);
    }

    @Test
    void portInUseIsOneLineAndStatusOne() throws Exception {
        try (ChatServer taken = ChatServer.start(ServerConfig.defaults(0))) {
            JarProcess server = JarProcess.runToEnd(SERVER_JAR, "", "--port", String.valueOf(taken.port()));
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(server.output()).containsExactly(
                    "Error: cannot listen on 127.0.0.1:" + taken.port() + ": Address already in use");
        }
    }

    @Test
    void printsHelpAndVersion() throws Exception {
        JarProcess help = JarProcess.runToEnd(SERVER_JAR, "", "--help");
        assertThat(help.exitValue()).isZero();
        assertThat(String.join("\n", help.output())).contains("--host", "--port", "--max-clients", "--max-line-bytes");
        JarProcess version = JarProcess.runToEnd(SERVER_JAR, "", "--version");
        assertThat(version.exitValue()).isZero();
        assertThat(version.output()).first().isEqualTo("chat server 1.0.0");
    }
}
