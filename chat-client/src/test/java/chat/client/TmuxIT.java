package chat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.core.ChatSession;
import chat.client.core.Recorder;
import chat.server.ChatServer;
import chat.server.Interop;
import chat.server.TestLineClient;
import chat.server.Tmux;
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
    private final Tmux tmux = new Tmux(WAIT);

    @AfterEach
    void killTmux() throws Exception {
        tmux.close();
    }

    /** Starts client.jar as bob in a 100x24 tmux window. */
    private void startBob(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String env = "XDG_STATE_HOME=" + dir.resolve("state") + " XDG_CONFIG_HOME=" + dir.resolve("config") + " ";
        tmux.start(100, 24, "env " + env + java + " -jar " + Path.of("target", "client.jar").toAbsolutePath()
                + " --port " + port + " --name bob --download-dir " + dir.resolve("downloads"));
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
            tmux.awaitScrollback("alice offers you big.bin");
            tmux.keys("/accept", "Enter");
            await().atMost(WAIT).until(() -> tmux.screen().stream().anyMatch(row -> row.contains("% of 1.5 MB")) // the progress row
                    && tmux.screen().stream().anyMatch(row -> row.startsWith("#1 big.bin from alice [") && row.contains("] ")));
            tmux.awaitScrollback("saved to");
            // the progress row is gone, and no line left behind stands still at some per cent
            await().atMost(WAIT).until(() -> tmux.screen().stream().noneMatch(row -> row.contains("% of")));
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
            tmux.awaitScrollback("bob>");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                lines.add(i == 10 ? "quit" : i == 20 ? "/msg carol not private" : i == 30 ? "/quit" : "pasted " + i);
            }
            Path paste = Files.writeString(dir.resolve("paste.txt"), String.join("\n", lines) + "\n");
            tmux.run("load-buffer", paste.toString());
            tmux.run("paste-buffer", "-t", "0"); // no -p: tmux sends it as if typed, unmarked
            tmux.awaitScrollback("Send 50 lines to everyone? [y/N]");
            tmux.keys("y", "Enter");
            for (String line : lines) {
                String said;
                do {
                    said = carol.readLine();
                } while (said != null && !said.startsWith("MSG ") && !said.startsWith("PRIVATE ") && !said.startsWith("LEAVE "));
                assertThat(said).isEqualTo("MSG bob " + line);
            }
            tmux.awaitScrollback("Sent 50 lines.");
            assertThat(server.onlineNames()).contains("bob"); // none of it was run
            // the echoes may still be drawing above the prompt, which JLine erases and redraws for each
            tmux.awaitScrollback("<bob> pasted 49");
            await().atMost(WAIT).untilAsserted(() -> assertThat(tmux.screen()).anyMatch(row -> row.startsWith("bob>")));
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
            tmux.keys("/join #dev", "Enter");
            alice.awaitLine("IN #dev JOIN bob");
            tmux.awaitRow("1:#general [2:#dev]");
            tmux.awaitRow("[#dev] bob>"); // the prompt names the window (capture-pane drops the space after it)

            alice.send("/to #general hello general");
            tmux.awaitRow("1:#general(1) [2:#dev]");
            tmux.awaitRow("[#dev] * bob joined");
            assertThat(tmux.screen()).as("the window of #dev shows its own lines").noneMatch(row -> row.contains("hello general"));
            tmux.keys("M-1"); // Alt+1
            tmux.awaitRow("[1:#general] 2:#dev");
            tmux.awaitRow("<alice> hello general");
            assertThat(tmux.screen()).noneMatch(row -> row.contains("[#dev]"));
            alice.send("bob: a look at #dev, please"); // alice's lines go to #dev, the room she joined last
            tmux.awaitRow("[1:#general] 2:#dev(1!)");
            tmux.keys("hi all", "Enter");
            assertThat(alice.awaitLine("MSG bob")).isEqualTo("MSG bob hi all");

            tmux.keys("C-n"); // Ctrl+N: the next window
            tmux.awaitRow("1:#general [2:#dev]");
            tmux.awaitRow("[#dev] <alice> bob: a look at #dev, please");
            assertThat(tmux.screen()).noneMatch(row -> row.contains("hello general") || row.contains("hi all"));
            tmux.keys("on my way", "Enter");
            assertThat(alice.awaitLine("IN #dev MSG bob")).isEqualTo("IN #dev MSG bob on my way");
            tmux.keys("quit", "Enter");
            assertThat(alice.awaitLine("LEAVE bob")).isEqualTo("LEAVE bob quit");
        }
    }
}
