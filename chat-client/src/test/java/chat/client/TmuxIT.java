package chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.server.ChatServer;
import chat.server.Interop;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * client.jar inside tmux, a terminal emulator whose screen can be read back ({@code capture-pane}): what a
 * person sees after the fact, not just what was sent. Each test has a tmux server of its own.
 */
@Interop({"tmux"})
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TmuxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final String socket = "chat-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void killTmux() throws Exception {
        for (String pane : run("list-panes", "-a", "-F", "#{pane_pid}").lines().filter(l -> l.matches("\\d+")).toList()) {
            ProcessHandle client = ProcessHandle.of(Long.parseLong(pane)).orElse(null);
            if (client != null) {
                ProcessTree.end(client, WAIT);
            }
        }
        run("kill-server");
    }

    /** Runs {@code tmux -L SOCKET args}; its output. */
    private String run(String... args) throws IOException, InterruptedException {
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

    /** Starts client.jar as bob in a 100x24 tmux window. */
    private void startBob(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String env = "XDG_STATE_HOME=" + dir.resolve("state") + " XDG_CONFIG_HOME=" + dir.resolve("config") + " ";
        run("new-session", "-d", "-x", "100", "-y", "24", "env " + env + java + " -jar "
                + Path.of("target", "client.jar").toAbsolutePath() + " --port " + port + " --name bob --download-dir "
                + dir.resolve("downloads"));
    }

    /** The screen as it shows now, one string per row. */
    private List<String> screen() throws Exception {
        return run("capture-pane", "-p").lines().toList();
    }

    /** The screen and what scrolled off it. */
    private List<String> scrollback() throws Exception {
        return run("capture-pane", "-p", "-S", "-").lines().toList();
    }

    /** Waits until {@code text} is on the screen or scrolled off it. */
    private void awaitScreen(String text) {
        await().atMost(WAIT).until(() -> scrollback().stream().anyMatch(row -> row.contains(text)));
    }

    @Test
    void aTransfersProgressRowIsGoneOnceItIsDone() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).transferRate(300_000).build());
                ChatSession alice = new ChatSession("127.0.0.1", server.port(), new Recorder(), false)) {
            alice.connect();
            alice.login("alice");
            startBob(server.port());
            await().atMost(WAIT).until(() -> alice.members().names().contains("bob"));
            byte[] bytes = new byte[1_500_000];
            new Random(5).nextBytes(bytes);
            Path file = Files.write(dir.resolve("big.bin"), bytes);
            alice.send("/send bob " + file);
            awaitScreen("alice offers you big.bin");
            run("send-keys", "/accept", "Enter");
            await().atMost(WAIT).until(() -> screen().stream().anyMatch(row -> row.contains("% of 1.5 MB")) // the progress row
                    && screen().stream().anyMatch(row -> row.startsWith("#1 big.bin from alice [") && row.contains("] ")));
            awaitScreen("saved to");
            // the progress row is gone, and no line left behind stands still at some per cent
            await().atMost(WAIT).until(() -> screen().stream().noneMatch(row -> row.contains("% of")));
            assertThat(Files.readAllBytes(dir.resolve("downloads").resolve("big.bin"))).isEqualTo(bytes);
        }
    }

    @Test
    void tmuxPasteBufferWithoutMarksIsSaidNotRun() throws Exception {
        // the client paces to 200 lines/s after 50; the server waits a second's worth (200 lines) before refusing any,
        // as its default waits 4 s: a reader thread starved that long on a busy machine must not cost a line
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(200, 50).rateBacklog(200).build());
                TestLineClient carol = TestLineClient.login("127.0.0.2", server.port(), "carol")) {
            startBob(server.port());
            carol.awaitLine("JOIN bob");
            awaitScreen("bob>");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                lines.add(i == 10 ? "quit" : i == 20 ? "/msg carol not private" : i == 30 ? "/quit" : "pasted " + i);
            }
            Path paste = Files.writeString(dir.resolve("paste.txt"), String.join("\n", lines) + "\n");
            run("load-buffer", paste.toString());
            run("paste-buffer", "-t", "0"); // no -p: tmux sends it as if typed, unmarked
            awaitScreen("Send 50 lines to everyone? [y/N]");
            run("send-keys", "y", "Enter");
            for (String line : lines) {
                String said;
                do {
                    said = carol.readLine();
                } while (said != null && !said.startsWith("MSG ") && !said.startsWith("PRIVATE ") && !said.startsWith("LEAVE "));
                assertThat(said).isEqualTo("MSG bob " + line);
            }
            awaitScreen("Sent 50 lines.");
            assertThat(server.onlineNames()).contains("bob"); // none of it was run
            // the echoes may still be drawing above the prompt, which JLine erases and redraws for each
            awaitScreen("<bob> pasted 49");
            await().atMost(WAIT).untilAsserted(() -> assertThat(screen()).anyMatch(row -> row.startsWith("bob>")));
        }
    }

    /**
     * Rooms at a real terminal (issue 27): a room joined opens a second window; the screen shows the window's
     * own lines, the status row lists the windows, the one shown in brackets, with what each has not shown yet
     * ({@code !}: a line for the person); Alt+1 and Ctrl+N switch, and what is typed goes to the window shown.
     */
    @Test
    void twoWindowsAreSwitchedWithKeysAndTheStatusRowShowsWhatEachHasNotShown() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).build());
                TestLineClient alice = TestLineClient.login(server.port(), "alice")) {
            alice.send("/join #dev");
            alice.awaitLine("IN #dev JOIN alice");
            startBob(server.port());
            alice.awaitLine("JOIN bob");
            run("send-keys", "/join #dev", "Enter");
            alice.awaitLine("IN #dev JOIN bob");
            awaitRow("1:#general [2:#dev]");
            awaitRow("[#dev] bob>"); // the prompt names the window (capture-pane drops the space after it)

            alice.send("/to #general hello general");
            awaitRow("1:#general(1) [2:#dev]");
            awaitRow("[#dev] * bob joined");
            assertThat(screen()).as("the window of #dev shows its own lines").noneMatch(row -> row.contains("hello general"));
            run("send-keys", "M-1"); // Alt+1
            awaitRow("[1:#general] 2:#dev");
            awaitRow("<alice> hello general");
            assertThat(screen()).noneMatch(row -> row.contains("[#dev]"));
            alice.send("bob: a look at #dev, please"); // alice's lines go to #dev, the room she joined last
            awaitRow("[1:#general] 2:#dev(1!)");
            run("send-keys", "hi all", "Enter");
            assertThat(alice.awaitLine("MSG bob")).isEqualTo("MSG bob hi all");

            run("send-keys", "C-n"); // Ctrl+N: the next window
            awaitRow("1:#general [2:#dev]");
            awaitRow("[#dev] <alice> bob: a look at #dev, please");
            assertThat(screen()).noneMatch(row -> row.contains("hello general") || row.contains("hi all"));
            run("send-keys", "on my way", "Enter");
            assertThat(alice.awaitLine("IN #dev MSG bob")).isEqualTo("IN #dev MSG bob on my way");
            run("send-keys", "quit", "Enter");
            assertThat(alice.awaitLine("LEAVE bob")).isEqualTo("LEAVE bob quit");
        }
    }

    /** Waits until a row of the screen (not what scrolled off it) shows {@code text}. */
    private void awaitRow(String text) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(screen()).as("a row showing " + text).anyMatch(row -> row.contains(text)));
    }
}
