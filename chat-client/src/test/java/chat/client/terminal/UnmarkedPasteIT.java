package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.Pty;
import chat.server.ChatServer;
import chat.server.Interop;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #25, item 4: a paste the terminal does not mark (tmux's paste-buffer without -p, a serial console) is
 * told from typing by its timing, at a real pseudo-terminal: the lines arrive in one write, as a terminal
 * delivers them. Every line is said, none is run (not the {@code quit}, {@code /msg} or {@code /quit} in it),
 * paced, and asked about first; nothing of it is left over for the shell after the client ends.
 */
@Interop({"script"})
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UnmarkedPasteIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The next line bob hears that someone said, or a private line, or a leave. */
    private static String said(TestLineClient bob) throws IOException {
        while (true) {
            String line = bob.readLine();
            if (line == null || line.startsWith("MSG ") || line.startsWith("PRIVATE ") || line.startsWith("LEAVE ")) {
                return line;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"xterm-256color, 50", "xterm-256color, 500", "dumb, 50"})
    void anUnmarkedPasteIsSaidNotRun(String term, int count, @TempDir Path dir) throws Exception {
        List<String> paste = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            paste.add(i == 10 ? "quit" : i == 20 ? "/msg bob not private" : i == 30 ? "/quit" : "line " + i);
        }
        // the client paces to 200 lines/s after 50; the server waits a second's worth (200 lines) before refusing any,
        // as its default waits 4 s: a reader thread starved that long on a busy machine must not cost a line
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(200, 50).rateBacklog(200).build());
                TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "bob");
                Pty alice = Pty.client(dir, term, Map.of(), "--port " + server.port() + " --name alice")) {
            bob.awaitLine("JOIN alice");
            if (!term.equals("dumb")) { // pasted before the input line is up, the terminal itself would echo it
                alice.awaitSent("\u001b[?2004h", WAIT);
            }
            long start = System.nanoTime();
            alice.type(String.join("\r", paste) + "\r");
            alice.awaitScreen("Send " + count + " lines to everyone? [y/N]", WAIT);
            double read = (System.nanoTime() - start) / 1e9;
            alice.type("y\r");
            for (String line : paste) {
                assertThat(said(bob)).isEqualTo("MSG alice " + line);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(server.onlineNames()).contains("alice"); // the quit in it was said, not done
            alice.type("typed after it\r"); // typing goes on as before: a line, not part of the paste
            assertThat(said(bob)).isEqualTo("MSG alice typed after it");
            alice.type("quit\r");
            assertThat(said(bob)).isEqualTo("LEAVE alice quit");
            assertThat(alice.awaitExit(WAIT)).isZero();
            System.out.printf("unmarked paste of %d lines at TERM=%s: read as one paste in %.1f s; %d delivered as text,"
                    + " none run, in %.1f s (paced at 200 lines/s after 50)%n", count, term, read, count, seconds);
        }
    }
}
