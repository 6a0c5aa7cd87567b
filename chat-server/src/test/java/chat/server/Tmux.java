package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmux server of a test's own: a terminal emulator whose screen can be read back ({@code capture-pane}), so a
 * test sees what a person would after the fact, not only what was sent. {@link #close} ends the programs in its
 * panes and waits until they are gone, then the tmux server.
 */
public final class Tmux implements AutoCloseable {
    private final String socket = "chat-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final Duration wait;

    /** @param wait how long a screen may take to show what a test waits for */
    public Tmux(Duration wait) {
        this.wait = wait;
    }

    /** Starts {@code command} (run by the shell) in a new window of {@code columns} by {@code rows}. */
    public void start(int columns, int rows, String command) throws IOException, InterruptedException {
        run("new-session", "-d", "-x", Integer.toString(columns), "-y", Integer.toString(rows), command);
    }

    /** Types {@code keys} into the window, as {@code send-keys} names them ({@code Enter}, {@code C-n}, {@code M-1}). */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys"));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** Runs {@code tmux -L SOCKET args}; its output. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tmux.waitFor(30, TimeUnit.SECONDS)) {
            tmux.destroyForcibly();
            throw new AssertionError("tmux " + args[0] + " did not end");
        }
        return out;
    }

    /** The screen as it shows now, one string per row. */
    public List<String> screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p").lines().toList();
    }

    /** The screen and what scrolled off it. */
    public List<String> scrollback() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-S", "-").lines().toList();
    }

    /** Waits until {@code text} is on the screen or scrolled off it. */
    public void awaitScrollback(String text) {
        await().atMost(wait).until(() -> scrollback().stream().anyMatch(row -> row.contains(text)));
    }

    /** Waits until a row of the screen (not what scrolled off it) shows {@code text}. */
    public void awaitRow(String text) {
        await().atMost(wait).untilAsserted(() -> assertThat(screen()).as("a row showing " + text).anyMatch(row -> row.contains(text)));
    }

    @Override
    public void close() throws Exception {
        for (String pane : run("list-panes", "-a", "-F", "#{pane_pid}").lines().filter(l -> l.matches("\\d+")).toList()) {
            ProcessHandle program = ProcessHandle.of(Long.parseLong(pane)).orElse(null);
            if (program != null) {
                ProcessTree.end(program, wait);
            }
        }
        run("kill-server");
    }
}
