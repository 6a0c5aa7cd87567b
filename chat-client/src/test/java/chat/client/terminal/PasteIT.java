package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.core.ChatSession;
import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A paste at the terminal face, as JLine hands it over (one input holding several lines), against a real
 * server: sent as text, every line, and asked about first when it is long.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PasteIT {

    /** A terminal that types the given inputs, one per prompt, and records what is shown. */
    static final class ScriptedView implements ConsoleView {
        final LinkedBlockingQueue<String> typed = new LinkedBlockingQueue<>();
        final List<String> shown = new CopyOnWriteArrayList<>();
        final List<String> prompts = new CopyOnWriteArrayList<>();
        final List<List<String>> statuses = new CopyOnWriteArrayList<>(); // what the status area showed, each time
        final List<String> kept = new CopyOnWriteArrayList<>(); // what the face gave it to keep in history
        volatile Runnable ctrlC; // what Ctrl+C would do now, or null

        @Override
        public boolean status(List<String> lines) {
            statuses.add(List.copyOf(lines));
            return true;
        }

        @Override
        public Interrupts onInterrupt(Runnable action) {
            ctrlC = action;
            return () -> ctrlC = null;
        }

        @Override
        public void print(String line) {
            shown.add(line);
        }

        @Override
        public void keep(String line) {
            kept.add(line);
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            try {
                String line = typed.poll(60, TimeUnit.SECONDS);
                return line == null || line.equals("<EOF>") ? null : line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Passwords come from the same typed queue; their prompts are recorded marked. */
        @Override
        public String readPassword(String prompt) {
            return readLine("(hidden) " + prompt);
        }

        @Override
        public boolean isInteractive() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** Runs the terminal face on {@code view} against {@code server}, until it ends with its exit status. */
    static CompletableFuture<Integer> chat(ChatServer server, ScriptedView view) throws IOException {
        ChatClient face = new ChatClient(view, new EventRenderer(Clock.systemUTC()), false);
        ChatSession session = new ChatSession("127.0.0.1", server.port(), face, false);
        session.connect();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return face.run(session, null, false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aPasteIsSentAsTextAndALongOneOnlyAfterAsking() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(50, 10).build());
                TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "bob")) {
            ScriptedView view = new ScriptedView();
            view.typed.add("alice");
            view.typed.add("first\nquit\n/msg bob not a command\n"); // a short paste: sent at once
            StringBuilder longPaste = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                longPaste.append("line ").append(i).append('\n');
            }
            view.typed.add(longPaste.toString());
            view.typed.add("n"); // declined
            view.typed.add(longPaste.toString());
            view.typed.add("y"); // accepted
            view.typed.add("quit");
            CompletableFuture<Integer> status = chat(server, view);
            List<String> expected = new ArrayList<>(List.of("MSG alice first", "MSG alice quit", "MSG alice /msg bob not a command"));
            for (int i = 0; i < 30; i++) {
                expected.add("MSG alice line " + i); // once: the first long paste was declined
            }
            List<String> received = new ArrayList<>();
            for (String line = bob.readLine(); !line.startsWith("LEAVE alice"); line = bob.readLine()) {
                if (line.startsWith("MSG alice ") || line.startsWith("ERROR ")) {
                    received.add(line);
                }
            }
            assertThat(received).containsExactlyElementsOf(expected);
            assertThat(status.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(view.prompts).contains("Send 30 lines to everyone? [y/N] ");
            assertThat(view.shown).anyMatch(l -> l.endsWith("* Paste not sent."))
                    .anyMatch(l -> l.endsWith("* Sending 30 lines... (Ctrl+C cancels)")).anyMatch(l -> l.endsWith("* Sent 30 lines."));
        }
    }

    @Test
    void ctrlCCancelsAPasteBeingSent() throws Exception {
        // 5 lines a second after a burst of 10: a 60-line paste takes 10 s, time enough to cancel it
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).rateLimit(5, 10).build());
                TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "bob")) {
            ScriptedView view = new ScriptedView();
            view.typed.add("alice");
            StringBuilder paste = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                paste.append("line ").append(i).append('\n');
            }
            view.typed.add(paste.toString());
            view.typed.add("y");
            CompletableFuture<Integer> status = chat(server, view);
            for (int i = 0; i < 12; i++) {
                assertThat(bob.awaitLine("MSG alice ")).isEqualTo("MSG alice line " + i);
            }
            view.ctrlC.run();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> view.shown.stream().anyMatch(l -> l.contains("* Paste cancelled: sent ")));
            assertThat(view.ctrlC).isNull(); // Ctrl+C is given back once the paste is over
            view.typed.add("quit");
            int received = 12;
            for (String line = bob.readLine(); !line.startsWith("LEAVE alice"); line = bob.readLine()) {
                if (line.startsWith("MSG alice ")) {
                    received++;
                }
            }
            assertThat(received).isBetween(12, 20); // stopped, not sent to the end
            String said = "* Paste cancelled: sent " + received + " of 60 lines.";
            assertThat(view.shown).anyMatch(l -> l.endsWith(said));
            assertThat(status.get(60, TimeUnit.SECONDS)).isZero();
        }
    }
}
