package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.ChatServer;
import chat.server.TestLineClient;
import chat.server.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal face's windows (issue 27): a room joined becomes the window typed lines go to, the status
 * area lists the windows with what was not seen, {@code /window N} switches, a private line opens its own
 * window, and a room command without a room is about the window's room. Keys (Alt+1..9, Ctrl+N/P) type
 * {@code /window}: JLineConsoleViewTest.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WindowsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static void awaitStatus(PasteIT.ScriptedView view, String row) {
        await().atMost(WAIT).alias("the windows row " + row + "; the status area showed " + view.statuses)
                .until(() -> !view.statuses.isEmpty() && view.statuses.get(view.statuses.size() - 1).contains(row));
    }

    @Test
    void typedLinesGoToTheWindowShownAndTheOthersCountWhatWasNotSeen() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).build());
                TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "bob")) {
            bob.send("/join #dev");
            bob.awaitLine("IN #dev JOIN bob");
            PasteIT.ScriptedView view = new PasteIT.ScriptedView();
            view.typed.add("alice");
            CompletableFuture<Integer> status = PasteIT.chat(server, view);
            bob.awaitLine("JOIN alice");

            view.typed.add("/join dev");
            awaitStatus(view, "1:#general [2:#dev]");
            view.typed.add("hello dev");
            assertThat(bob.awaitLine("IN #dev MSG alice")).isEqualTo("IN #dev MSG alice hello dev");

            bob.send("/to #general in general");
            awaitStatus(view, "1:#general(1) [2:#dev]");
            view.typed.add("/window 1");
            awaitStatus(view, "[1:#general] 2:#dev");
            view.typed.add("hi all"); // the server's own current room for alice is #dev: the face says where
            assertThat(bob.awaitLine("MSG alice")).isEqualTo("MSG alice hi all");

            bob.send("/msg alice psst");
            awaitStatus(view, "[1:#general] 2:#dev 3:bob(1!)");
            view.typed.add("/window 3");
            view.typed.add("answer");
            assertThat(bob.awaitLine("PRIVATE alice")).isEqualTo("PRIVATE alice bob answer");
            await().atMost(WAIT).until(() -> view.shown.stream().anyMatch(l -> l.contains("-> *bob*: answer")));

            view.typed.add("/window 2");
            view.typed.add("/part");
            assertThat(bob.awaitLine("IN #dev LEAVE")).isEqualTo("IN #dev LEAVE alice parted");
            awaitStatus(view, "[1:#general] 2:bob");
            view.typed.add("/window 9");
            view.typed.add("quit");
            assertThat(status.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(view.prompts).contains("[#dev] alice> ", "[bob] alice> ");
            assertThat(view.shown).anyMatch(l -> l.contains("Usage: /window N"));
            assertThat(view.shown).anyMatch(l -> l.contains("[#dev] <alice> hello dev"));
            assertThat(view.kept).doesNotContain("/window 1", "/window 3"); // switching is not history
            assertThat(List.copyOf(view.kept)).contains("hello dev", "hi all");
        }
    }
}
