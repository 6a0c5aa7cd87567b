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
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of a test's own: on a free loopback port, saving nothing, in a temporary
 * directory. It must be installed ({@code .ci/run} installs the Debian package): a cluster test fails
 * rather than skips without it.
 */
public final class RedisProcess implements AutoCloseable {
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
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("redis-server is not installed (apt-get install redis-server): " + e.getMessage(), e);
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
