package chat.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of a test's own: on a free loopback port, saving nothing, in a temporary
 * directory. The binary is the static Redis 7.0.15 that {@code org.signal:embedded-redis} ships for Linux
 * (x86-64, arm64, x86) and macOS (x86-64, arm64), unpacked once per test run; a person points the tests at
 * one of their own with {@code -Dchat.test.redis-server=PATH} (or {@code CHAT_TEST_REDIS_SERVER}). Where
 * neither exists, a cluster test fails rather than skips.
 */
public final class RedisProcess implements AutoCloseable {
    /** The person's own redis-server, if they name one. */
    public static final String BINARY_PROPERTY = "chat.test.redis-server";
    private static Path binary; // unpacked once per JVM
    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static RedisProcess start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RedisProcess redis = new RedisProcess(Files.createTempDirectory("redis-it"), port);
        redis.launch();
        return redis;
    }

    private void launch() throws IOException, InterruptedException {
        try {
            process = new ProcessBuilder(binary().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run redis-server: " + e.getMessage(), e);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "+PONG".equals(ping()) || !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // said below
        }
        if (!"+PONG".equals(ping())) {
            throw new IOException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        }
    }

    /** The redis-server to run: the person's own, or the one shipped for this machine, unpacked. */
    private static synchronized Path binary() throws IOException {
        String own = System.getProperty(BINARY_PROPERTY, System.getenv("CHAT_TEST_REDIS_SERVER"));
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        if (binary == null) {
            String resource = "redis-server-7.0.15-" + shippedPlatform();
            Path dir = Files.createTempDirectory("redis-bin");
            Path unpacked = dir.resolve("redis-server");
            try (InputStream in = RedisProcess.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no " + resource + " on the test classpath (org.signal:embedded-redis)");
                }
                Files.copy(in, unpacked);
            }
            if (!unpacked.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + unpacked + " executable");
            }
            unpacked.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            binary = unpacked;
        }
        return binary;
    }

    /** How embedded-redis names this machine ("linux-amd64"), or an error naming what it does not ship for. */
    private static String shippedPlatform() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> null;
        };
        if (system == null || cpu == null || system.equals("darwin") && cpu.equals("386")) {
            throw new IOException("no Redis is shipped for " + os + " on " + arch + ": install one and run the tests with -D"
                    + BINARY_PROPERTY + "=/path/to/redis-server");
        }
        return system + "-" + cpu;
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** Freezes Redis as {@code kill -STOP} does: connections stay open, nothing answers. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /**
     * Keeps a paused Redis frozen for {@code outage}, watching that it does not die meanwhile (a frozen process
     * cannot exit, so this waits the whole outage unless something killed it).
     */
    void holdFrozen(Duration outage) throws InterruptedException {
        if (process.waitFor(outage.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("redis-server exited while frozen: " + process.exitValue());
        }
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Kills Redis and starts it again on the same port, empty: what a restart without persistence does. */
    void restartEmpty() throws IOException, InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        // tried again while the port is held: the test's port is in the ephemeral range, and a node's
        // connection retrying it may have been given that very port as its own end meanwhile
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    launch();
                    return true;
                });
    }

    /** Sends one command in RESP and returns the first line of the answer, or null if Redis did not answer. */
    String command(String... words) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            StringBuilder resp = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private String ping() {
        return command("PING");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            signal("CONT"); // a paused Redis would not die of SIGTERM
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
