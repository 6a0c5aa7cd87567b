package chat.client;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.text.Tone;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal view on a virtual terminal of a known width: what reaches the screen, byte for byte. */
class JLineConsoleViewTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private Terminal terminal(int columns) throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        Terminal t = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keys), screen)
                .type("xterm-256color").encoding(StandardCharsets.UTF_8).size(new Size(columns, 24)).build();
        return t;
    }

    private JLineConsoleView view(Terminal t, boolean colour) {
        return new JLineConsoleView(t, colour, new ChatCompleter(), new HistoryFile(dir.resolve("history")));
    }

    private List<String> rows() {
        String text = screen.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aLongLineWrapsIndentedUnderTheMessageInColourOrNot() throws Exception {
        for (boolean colour : new boolean[] {true, false}) {
            screen.reset();
            Terminal t = terminal(40);
            try (JLineConsoleView view = view(t, colour)) {
                view.print("[14:02] <alice> " + "word ".repeat(12).strip(), Tone.PLAIN, 16);
                // the terminal's output reaches the stream on a thread of JLine's: wait for all of it
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> String.join(" ", rows()).split("word", -1).length == 13);
            }
            assertThat(screen.toString(StandardCharsets.UTF_8).contains("\u001b[")).as("escapes with colour " + colour).isEqualTo(colour);
            List<String> rows = rows();
            assertThat(rows.get(0)).startsWith("[14:02] <alice> word");
            assertThat(rows.subList(1, rows.size())).isNotEmpty().allMatch(r -> r.startsWith(" ".repeat(16) + "word"));
        }
    }

    @Test
    void ctrlCRunsTheHandlerOnlyWhileItIsInPlace() throws Exception {
        Terminal t = terminal(80);
        try (JLineConsoleView view = view(t, false)) {
            AtomicInteger pressed = new AtomicInteger();
            try (ConsoleView.Interrupts ctrlC = view.onInterrupt(pressed::incrementAndGet)) {
                t.raise(Terminal.Signal.INT);
            }
            t.raise(Terminal.Signal.INT);
            assertThat(pressed).hasValue(1);
        }
    }
}
