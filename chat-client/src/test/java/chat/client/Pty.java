package chat.client;

import static org.awaitility.Awaitility.await;

import chat.server.ProcessTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * client.jar at a real pseudo-terminal (util-linux {@code script}), as a person runs it: what is written to
 * {@link #type} arrives as keys do (in one write: as a terminal delivers a paste it does not mark), and
 * {@link #screen} is everything the terminal was sent, escapes and all.
 */
public final class Pty implements AutoCloseable {
    private static final Path CLIENT_JAR = Path.of("target", "client.jar");

    private final Process process;
    private final OutputStream keyboard;
    private final Path screen;

    private Pty(Process process, Path screen) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.screen = screen;
    }

    /**
     * Runs {@code client.jar args} at a terminal of type {@code term}; its per-user directories and the screen
     * file are under {@code dir}.
     */
    public static Pty client(Path dir, String term, Map<String, String> env, String args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path screen = dir.resolve("screen");
        // script's terminal has no size (its own stdin is no terminal): give it one, as a window would have
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "stty cols 120 rows 40 && exec " + javaBin
                + " -jar " + CLIENT_JAR.toAbsolutePath() + " " + args, "/dev/null")
                .redirectOutput(screen.toFile()).redirectErrorStream(true);
        builder.environment().put("TERM", term);
        for (String variable : new String[] {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"}) {
            builder.environment().put(variable, dir.resolve(variable.toLowerCase(Locale.ROOT)).toString());
        }
        builder.environment().putAll(env);
        return new Pty(builder.start(), screen);
    }

    /** Sends {@code keys} to the terminal in one write ({@code \r} is Enter). */
    public void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** What the terminal was sent so far, without its escape sequences. */
    public String screen() throws IOException {
        return Files.readString(screen, StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>]|\r", "");
    }

    /**
     * Waits until the terminal has been sent {@code sequence} (escapes included): e.g. {@code ESC [?2004h}, with
     * which an input line at an xterm begins.
     */
    public void awaitSent(String sequence, Duration wait) {
        await().atMost(wait).until(() -> Files.readString(screen, StandardCharsets.UTF_8).contains(sequence));
    }

    /** Waits until the screen shows {@code text}. */
    public void awaitScreen(String text, Duration wait) {
        await().atMost(wait).until(() -> screen().contains(text));
    }

    /** Waits for the client to end; its exit status. */
    public int awaitExit(Duration wait) throws InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the client at the terminal did not end within " + wait);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        keyboard.close();
        ProcessTree.end(process.toHandle(), Duration.ofSeconds(30));
    }
}
