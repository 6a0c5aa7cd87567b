package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.text.Tone;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal view on a virtual terminal of a known width: what reaches the screen, byte for byte. */
class JLineConsoleViewTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private PipedOutputStream keys; // of the newest terminal

    /**
     * A terminal of {@code columns} whose line discipline is JLine's own, in Java (no pseudo-terminal of the
     * system's, no process run to set its modes): what the keys do depends on the view alone, not on timing.
     * The real terminal is tried by TmuxIT and ClientPtyIT.
     */
    private Terminal terminal(int columns) throws Exception {
        keys = new PipedOutputStream();
        ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", new PipedInputStream(keys), screen, StandardCharsets.UTF_8);
        t.setSize(new Size(columns, 24));
        return t;
    }

    private JLineConsoleView view(Terminal t, boolean colour) {
        return new JLineConsoleView(t, colour, new ChatCompleter(), new HistoryFile(dir.resolve("history")));
    }

    private List<String> rows() {
        String text = screen.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>]", "");
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
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
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

    /**
     * Types {@code keys} once {@code prompt} is on the screen, as a person does (keys typed before a read starts
     * are the terminal's to echo, not the view's).
     */
    private void typeOnce(String prompt, String keys) throws Exception {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> screen.toString(StandardCharsets.UTF_8).contains(prompt));
        this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
        this.keys.flush();
    }

    @Test
    void aPasswordIsNeitherShownNorKept() throws Exception {
        Terminal t = terminal(80);
        try (JLineConsoleView view = view(t, false)) {
            var password = CompletableFuture.supplyAsync(() -> view.readPassword("Password for alice: "));
            typeOnce("Password for alice: ", "hunter2 secret\r");
            assertThat(password.get(10, TimeUnit.SECONDS)).isEqualTo("hunter2 secret");
            keys.write("/register letmein99\r".getBytes(StandardCharsets.UTF_8)); // typed, a line at a time
            keys.flush();
            assertThat(view.readLine("alice> ")).isEqualTo("/register letmein99"); // the face does not keep it
            keys.write("hello\r".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(view.readLine("alice> ")).isEqualTo("hello");
            view.keep("hello"); // as the face does (TypedHistoryIT): only what it keeps is kept
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("hunter2");
        assertThat(Files.readString(dir.resolve("history"))).contains("hello").doesNotContain("hunter2", "letmein99");
    }

    @Test
    void anAnsweredQuestionStaysOnScreenAndOutOfHistory() throws Exception {
        Terminal t = terminal(80);
        try (JLineConsoleView view = view(t, false)) {
            var answer = CompletableFuture.supplyAsync(() -> view.confirm("Trust it and remember it?"));
            typeOnce("Trust it and remember it? [y/N] ", "y\r");
            assertThat(answer.get(10, TimeUnit.SECONDS)).isTrue();
            var name = CompletableFuture.supplyAsync(() -> view.readAnswer("Username: "));
            typeOnce("Username: ", "alice\r");
            assertThat(name.get(10, TimeUnit.SECONDS)).isEqualTo("alice");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> rows().contains("Username: alice"));
            assertThat(rows()).contains("Trust it and remember it? [y/N] y"); // left in view with its answer
        }
        assertThat(Files.exists(dir.resolve("history")) ? Files.readString(dir.resolve("history")) : "").isEmpty();
    }

    /**
     * A prompt given between two reads (the answer to a {@code /join} arriving before the next read starts) is
     * the one the next read shows, whatever prompt that read was called with: before, the new window's prompt
     * was lost until the line after (TmuxIT once saw {@code bob>} in {@code #dev} in CI).
     */
    @Test
    void aPromptGivenBetweenReadsIsTheOneTheNextReadShows() throws Exception {
        Terminal t = terminal(80);
        try (JLineConsoleView view = view(t, false)) {
            view.prompt("[#dev] bob> ");
            var line = CompletableFuture.supplyAsync(() -> view.readLine("bob> "));
            typeOnce("[#dev] bob> ", "hi\r");
            assertThat(line.get(10, TimeUnit.SECONDS)).isEqualTo("hi");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows().contains("[#dev] bob> hi"));
        }
    }

    @Test
    void windowKeysTypeWindowCommandsAndWhatWasTypedComesBack() throws Exception {
        Terminal t = terminal(80);
        try (JLineConsoleView view = view(t, false)) {
            var first = CompletableFuture.supplyAsync(() -> view.readLine("alice> "));
            typeOnce("alice> ", "half a line\u001b2"); // Alt+2, the window key, while a line is typed
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("/window 2");
            var second = CompletableFuture.supplyAsync(() -> view.readLine("[#dev] alice> "));
            typeOnce("[#dev] alice> ", " done\r");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("half a line done");
            var third = CompletableFuture.supplyAsync(() -> view.readLine("p3> "));
            typeOnce("p3> ", "\u000e"); // Ctrl+N
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("/window next");
            var fourth = CompletableFuture.supplyAsync(() -> view.readLine("p4> "));
            typeOnce("p4> ", "\u0010"); // Ctrl+P
            assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo("/window prev");
        }
    }
}
