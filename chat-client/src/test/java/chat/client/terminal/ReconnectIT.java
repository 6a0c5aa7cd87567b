package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.SamePort;
import chat.client.core.ChatSession;
import chat.server.ChatServer;
import chat.server.config.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #25, item 6, at the terminal face: a lost connection is one line, then one status row updated in place,
 * then one line when it is back; leaving during the wait ends the client at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static CompletableFuture<Integer> chat(int port, PasteIT.ScriptedView view) throws Exception {
        ChatClient face = new ChatClient(view, new EventRenderer(Clock.systemUTC()), false);
        ChatSession session = new ChatSession("127.0.0.1", port, face, true);
        session.connect();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return face.run(session, "alice", false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static long shownContaining(PasteIT.ScriptedView view, String text) {
        return view.shown.stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void retriesUpdateOneStatusRowAndTheReturnIsOneLine() throws Exception {
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).build());
        int port = first.port();
        PasteIT.ScriptedView view = new PasteIT.ScriptedView();
        CompletableFuture<Integer> status = chat(port, view);
        await().atMost(WAIT).until(() -> shownContaining(view, "Welcome, alice") == 1);
        first.close();
        await().atMost(WAIT).until(() -> view.statuses.stream()
                .anyMatch(rows -> rows.size() == 1 && rows.get(0).startsWith("Reconnecting: ") && rows.get(0).endsWith("trying again in 4 s")));
        assertThat(shownContaining(view, "Connection lost: ")).isEqualTo(1); // three tries, one line
        try (ChatServer second = SamePort.startAgain(ServerConfig.builder(), port)) {
            await().atMost(WAIT).until(() -> shownContaining(view, "Reconnected as alice") == 1);
            assertThat(view.statuses).last().isEqualTo(List.of()); // the row is gone
            assertThat(shownContaining(view, "Connection lost: ")).isEqualTo(1);
            view.typed.add("quit");
            assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void quitDuringTheWaitEndsTheClientAtOnce() throws Exception {
        ChatServer first = ChatServer.start(ServerConfig.builder().port(0).build());
        PasteIT.ScriptedView view = new PasteIT.ScriptedView();
        CompletableFuture<Integer> status = chat(first.port(), view);
        await().atMost(WAIT).until(() -> shownContaining(view, "Welcome, alice") == 1);
        first.close();
        // past the first tries: the next waits 8 s
        await().atMost(WAIT).until(() -> view.statuses.stream().anyMatch(rows -> !rows.isEmpty() && rows.get(0).endsWith("in 8 s")));
        long start = System.nanoTime();
        view.typed.add("quit");
        assertThat(status.get(5, TimeUnit.SECONDS)).isZero();
        System.out.printf("quit while waiting to reconnect: ended in %.2f s%n", (System.nanoTime() - start) / 1e9);
    }
}
