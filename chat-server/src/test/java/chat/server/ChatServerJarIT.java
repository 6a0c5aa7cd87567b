package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ServerConfig;
import chat.server.config.ServerText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged server.jar as a person runs it: start-up line, signals, exit codes, bad options.
 *
 * <p>The tests run at once (src/test/resources/junit-platform.properties): each is a JVM or two starting up
 * and mostly waiting, and one after the other they were the last class the build waited for. Its name sorts
 * with the first classes the forks take (pom.xml): as ServerJarIT it started late, and ended half a minute after
 * the rest. Those whose
 * server takes the default data directory (this test JVM's, {@link JarProcess#withRunHome}) hold its lock,
 * {@link #DEFAULT_DATA_DIR}, one at a time, as the servers themselves would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Execution(ExecutionMode.CONCURRENT)
class ChatServerJarIT {
    static final Path SERVER_JAR = Path.of("target", "server.jar");
    private static final Duration STARTUP = Duration.ofSeconds(30);
    /** Held by a test whose server runs without {@code --data-dir}. */
    private static final String DEFAULT_DATA_DIR = "the test JVM's default data directory";

    /** Starts the jar on a free port and returns the port from its "Listening on" line. */
    static int awaitListening(JarProcess server) throws InterruptedException {
        return server.listeningPort(STARTUP);
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
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
    @ResourceLock(DEFAULT_DATA_DIR)
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
                "--bogus                 | Error: Unknown option: '--bogus'",
                "--log-level loud        | Error: --log-level must be one of error, warn, info, debug, trace, not 'loud'",
                "--connect-throttle 5    | Error: --connect-throttle must be BURST/SECONDS (e.g. 10/2) or 'off', not '5'",
                "--show-addresses maybe  | Error: --show-addresses must be auto, yes or no, not 'maybe'",
                "--max-clients 10 --max-pending 20 | Error: max pending logins must be between 1 and 10, not 20",
                "--config /nonexistent/s.properties | Error: cannot read config file /nonexistent/s.properties: no such file",
                "--tls-cert c.pem        | Error: --tls-cert and --tls-key go together: give both files, or neither for a self-signed certificate",
                "--plain-port 0          | Error: --plain-port goes with --tls: without TLS the one port is plain text already",
                "--store mysql://db/chat | Error: --store takes a postgresql:// URL, not mysql://db/chat",
                "--store-password-file pw | Error: --store-password-file goes with --store",
                "--tls-keystore s.p12 --tls-cert c.pem --tls-key k.pem | Error: --tls-keystore or --tls-cert/--tls-key: one source of the certificate, not both"
            })
    void rejectsBadOptionsWithOneLineAndStatusTwo(String args, String expected) throws Exception {
        JarProcess.assertUsageError(SERVER_JAR, args, expected);
    }

    @Interop({"openssl"})
    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
    void servesTlsWithASelfSignedCertificateItKeepsAndLogsByFingerprint(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        String fingerprint;
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--tls", "--data-dir", data.toString())) {
            int port = awaitListening(server);
            fingerprint = server.awaitLine("fingerprint (SHA256:\\S+)", STARTUP).group(1);
            server.awaitLine("Connect with: java -jar client.jar --tls --host 127\\.0\\.0\\.1:" + port
                    + " +\\(openssl s_client -quiet -connect 127\\.0\\.0\\.1:" + port + " works too\\)", STARTUP);
            try (JarProcess alice = JarProcess.command("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + port)) {
                alice.awaitLine("^HELLO 1 ", STARTUP);
                alice.stdin().write("alice\nquit\n".getBytes(StandardCharsets.UTF_8));
                alice.stdin().flush();
                alice.awaitLine("^WELCOME alice ", STARTUP);
                alice.awaitLine("^BYE ", STARTUP);
            }
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(server.output()).noneMatch(l -> l.contains("WARN") || l.contains("Exception"));
        }
        try (JarProcess again = JarProcess.start(SERVER_JAR, "--port", "0", "--tls", "--data-dir", data.toString())) {
            assertThat(again.awaitLine("fingerprint (SHA256:\\S+)", STARTUP).group(1)).isEqualTo(fingerprint); // the same one
            again.terminate();
            assertThat(again.awaitExit(Duration.ofSeconds(20))).isZero();
        }
        JarProcess missing = JarProcess.runToEnd(SERVER_JAR, "", "--port", "0", "--tls-cert", data.resolve("none.pem").toString(),
                "--tls-key", data.resolve("none.key").toString());
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(missing.output()).containsExactly("Error: cannot read " + data.resolve("none.pem") + ": no such file");

        // an operator's files, as openssl (or certbot) writes them: an RSA key this time
        Path cert = data.resolve("fullchain.pem");
        Path key = data.resolve("privkey.pem");
        JarProcess req = JarProcess.command("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-subj", "/CN=chat.example", "-days", "2");
        assertThat(req.awaitExit(STARTUP)).isZero();
        try (JarProcess operator = JarProcess.start(SERVER_JAR, "--port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            operator.awaitLine("certificate CN=chat.example, fingerprint SHA256:", STARTUP);
            operator.terminate();
            assertThat(operator.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    /**
     * An operator's account is made on the console, out of band (piped here, as a script would; at a terminal
     * it asks without echo); a listed operator without one is named at start with the command that makes it.
     */
    @Test
    void makesAnOperatorsAccountOnTheConsoleAndWarnsOfOperatorsWithout(@org.junit.jupiter.api.io.TempDir Path data)
            throws Exception {
        String dir = data.toString();
        JarProcess made = JarProcess.runToEnd(SERVER_JAR, "correct horse\ncorrect horse\n", "--data-dir", dir,
                "--operators", "alice", "--add-account", "alice");
        assertThat(made.output()).containsExactly("Made the account alice (an operator, as --operators lists it) in " + dir + ".");
        assertThat(made.exitValue()).isZero();
        JarProcess differ = JarProcess.runToEnd(SERVER_JAR, "correct horse\nbattery staple\n", "--data-dir", dir,
                "--set-password", "alice");
        assertThat(differ.output()).containsExactly("Error: the two passwords differ; nothing changed");
        assertThat(differ.exitValue()).isEqualTo(1);
        JarProcess twice = JarProcess.runToEnd(SERVER_JAR, "correct horse\ncorrect horse\n", "--data-dir", dir,
                "--add-account", "Alice");
        assertThat(twice.output()).containsExactly("Error: Alice has an account already; --set-password Alice changes its password");

        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--data-dir", dir, "--operators", "alice,bob",
                "--allow-plain-passwords")) {
            int port = awaitListening(server);
            server.awaitLine("WARN .*Operator bob has no account yet, so nobody is operator under that name; make it with: "
                    + "java -jar server.jar --data-dir " + Pattern.quote(dir) + " --add-account bob", STARTUP);
            try (TestLineClient alice = TestLineClient.login(port, "alice", "correct horse")) {
                alice.send("/bans");
                assertThat(alice.awaitLine("INFO ")).isEqualTo("INFO No bans.");
            }
            JarProcess busy = JarProcess.runToEnd(SERVER_JAR, "other password\nother password\n", "--data-dir", dir,
                    "--set-password", "alice");
            assertThat(busy.output()).containsExactly("Error: another server is running with the data directory " + dir
                    + " (or a command is changing it); stop it first, or give this one its own --data-dir");
            assertThat(busy.exitValue()).isEqualTo(1);
            assertThat(server.output()).noneMatch(l -> l.contains("Operator alice"));
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    void anUnusableDataDirectoryIsOneLineSayingWhichAndWhatToDo(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        Path file = Files.writeString(data.resolve("a-file"), "");
        JarProcess server = JarProcess.runToEnd(SERVER_JAR, "", "--port", "0", "--data-dir", file.resolve("chat").toString());
        assertThat(server.output()).containsExactly("Error: cannot use " + file.resolve("chat") + " as the data directory: "
                + file + " is not a directory; choose a directory this user may write with --data-dir DIR");
        assertThat(server.exitValue()).isEqualTo(1);
    }

    /**
     * SQLite's driver, at each start, deletes the native libraries that servers killed earlier left in the temporary
     * directory; two servers starting at once race for the same file, and the loser's driver logged an error with a
     * stack trace (CI met it). A leftover it cannot delete (a directory with something in it) fails the same way, every
     * time; the start stays quiet.
     */
    @Test
    void aLeftoverSqliteLibraryThatCannotBeDeletedLeavesTheStartQuiet(@TempDir Path data, @TempDir Path tmp) throws Exception {
        Path leftover = leaveUndeletableSqliteLibrary(tmp);
        try (JarProcess server = JarProcess.start(List.of("-Dorg.sqlite.tmpdir=" + tmp), SERVER_JAR,
                "--port", "0", "--data-dir", data.toString())) {
            int port = awaitListening(server);
            try (TestLineClient alice = TestLineClient.login(port, "alice")) {
                alice.send("the store is open");
                assertThat(alice.awaitLine("MSG alice ")).isEqualTo("MSG alice the store is open");
            }
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(server.output()).noneMatch(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("Exception"));
        }
        assertThat(leftover).isDirectory(); // what is not the driver's own is left alone
    }

    /**
     * Leaves in {@code tmp} what SQLite's driver, told {@code -Dorg.sqlite.tmpdir=tmp}, takes for a library a killed
     * server left, and cannot delete: a directory with something in it.
     */
    static Path leaveUndeletableSqliteLibrary(Path tmp) throws IOException {
        Path leftover = Files.createDirectories(tmp.resolve("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion()
                + "-0000-killed-libsqlitejdbc.so"));
        Files.writeString(leftover.resolve("in-the-way"), "");
        return leftover;
    }

    /**
     * SQLite's library, unpacked into a temporary directory that is not there: the start stops with one line saying
     * where it looked and what to check, not the driver's six errors with stack traces (three from the load ahead of
     * need, three from the store's open) and "Error opening connection".
     */
    @Test
    void aSqliteLibraryThatCannotBeUnpackedIsOneLineSayingWhere(@TempDir Path data, @TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("missing");
        try (JarProcess server = JarProcess.start(List.of("-Dorg.sqlite.tmpdir=" + missing), SERVER_JAR,
                "--port", "0", "--data-dir", data.toString())) {
            assertThat(server.awaitExit(STARTUP)).isEqualTo(1);
            assertThat(server.output()).containsExactly("Error: cannot open the store " + data.resolve("chat.db")
                    + ": SQLite's native library did not load from " + missing + ", where it is unpacked at each start:"
                    + " that directory must exist, be writable, and not be mounted noexec (-Dorg.sqlite.tmpdir=DIR names another)");
        }
    }

    /** A store that is not one (a file put there by mistake, a damaged disk) stops the start with one line. */
    @Test
    void aDamagedStoreIsOneLineSayingWhichFile(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("chat.db"), "not a database: words where SQLite's header should be, and more of them");
        JarProcess server = JarProcess.runToEnd(SERVER_JAR, "", "--port", "0", "--data-dir", data.toString());
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(server.output()).hasSize(1);
        assertThat(server.output().get(0)).startsWith("Error: cannot open the store " + data.resolve("chat.db") + ": ");
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
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
        assertThat(help.output()).as("help wraps to 80 columns").allMatch(l -> l.length() <= 80);
        JarProcess version = JarProcess.runToEnd(SERVER_JAR, "", "--version");
        assertThat(version.exitValue()).isZero();
        assertThat(version.output()).first().isEqualTo("chat server 1.0.0");
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
    void saysHowToConnect() throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0")) {
            int port = awaitListening(server);
            server.awaitLine("Connect with: java -jar client\\.jar --host 127\\.0\\.0\\.1:" + port + " +\\(nc 127\\.0\\.0\\.1 " + port
                    + " works too\\)", STARTUP);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
    void statusAnswersWithoutLoggingIn() throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0")) {
            int port = awaitListening(server);
            try (TestLineClient alice = TestLineClient.login(port, "alice")) {
                JarProcess status = JarProcess.runToEnd(SERVER_JAR, "", "--status", "--port", String.valueOf(port));
                assertThat(status.exitValue()).isZero();
                assertThat(status.output()).containsExactly("status ok: online=1 connections=2 pending=1 max-clients=1000");
            }
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    @Test
    void statusOfNoServerIsOneLineAndStatusOne() throws Exception {
        // a port bound but not listening: refused, and no server started beside this test can take it meanwhile
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = held.getLocalPort();
            JarProcess status = JarProcess.runToEnd(SERVER_JAR, "", "--status", "--port", String.valueOf(port));
            assertThat(status.exitValue()).isEqualTo(1);
            assertThat(status.output()).containsExactly("Error: no chat server answering at 127.0.0.1:" + port + ": Connection refused");
        }
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
    void readsItsSettingsFromAConfigFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "port=0\nmax-clients=1\nlog-level=debug\n");
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--config", file.toString())) {
            int port = awaitListening(server);
            try (TestLineClient alice = TestLineClient.login(port, "alice");
                    TestLineClient second = TestLineClient.connectRaw(port)) {
                assertThat(second.readToEnd()).containsExactly(
                        "ERROR SERVER_FULL the server is full; try again later", "BYE " + ServerText.BYE_FULL);
            }
            server.awaitLine("DEBUG .*Connection #1 from 127\\.0\\.0\\.1", STARTUP); // log-level=debug from the file
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(server.output()).anyMatch(l -> l.contains("Settings from " + file));
        }
    }

    @Test
    void unknownSettingInTheConfigFileIsOneLineAndStatusTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "max-client=1\n");
        JarProcess server = JarProcess.runToEnd(SERVER_JAR, "", "--config", file.toString());
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(server.output()).hasSize(1);
        assertThat(server.output().get(0)).startsWith("Error: unknown setting 'max-client' in " + file + "; settings are: ")
                .contains(" allow-plain-passwords, announce-limit, ", " max-clients, ");
    }

    @Test
    @ResourceLock(DEFAULT_DATA_DIR)
    void exampleLogbackFileLogsToARotatingFile(@org.junit.jupiter.api.io.TempDir Path dir, @TempDir Path tmp) throws Exception {
        Path config = Path.of("..", "docs", "examples", "logback-file.xml").toAbsolutePath();
        leaveUndeletableSqliteLibrary(tmp);
        Process server = JarProcess.withRunHome(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + config, "-Dorg.sqlite.tmpdir=" + tmp, "-jar", SERVER_JAR.toAbsolutePath().toString(), "--port", "0")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile())).start();
        try {
            Path log = dir.resolve("chat.log");
            try {
                org.awaitility.Awaitility.await().atMost(STARTUP).until(() ->
                        Files.exists(log) && Files.readString(log).contains("Listening on 127.0.0.1:"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no \"Listening on\" in chat.log within " + STARTUP + "; the files: "
                        + listing(dir), e);
            }
            server.toHandle().destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            assertThat(Files.readString(log)).contains("Shutdown completed.").doesNotContain("ERROR", "Exception");
            assertThat(Files.readString(dir.resolve("stdout.txt"))).doesNotContain("Listening on");
        } finally {
            server.destroyForcibly();
        }
    }

    /** Each file in {@code dir} with its text, for a failure's message. */
    private static String listing(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                all.append("\n--- ").append(f.getFileName()).append(":\n").append(Files.readString(f));
            }
        }
        return all.toString();
    }

    @Test
    void statusWorksAgainstATlsServerAndSaysSo(@TempDir Path dir) throws Exception {
        try (JarProcess server = JarProcess.start(SERVER_JAR, "--port", "0", "--tls", "--data-dir", dir.toString())) {
            int port = awaitListening(server);
            JarProcess status = JarProcess.runToEnd(SERVER_JAR, "", "--status", "--port", String.valueOf(port));
            assertThat(status.exitValue()).as("%s", status.output()).isZero();
            assertThat(status.output()).containsExactly("status (TLS) ok: online=0 connections=1 pending=1 max-clients=1000");
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }
}
