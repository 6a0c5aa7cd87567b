package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.client.core.ChatSession;
import chat.server.ChatServer;
import chat.server.config.ServerConfig;
import chat.server.TestLineClient;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the terminal face gives its view to keep for Up and the history file: every typed line but a password's. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TypedHistoryIT {
    @Test
    void everyTypedLineIsKeptButOneCarryingAPasswordAndNeitherNameNorAnswers() throws Exception {
        try (ChatServer server = ChatServer.start(ServerConfig.builder().port(0).build());
                TestLineClient bob = TestLineClient.login("127.0.0.2", server.port(), "bob")) {
            PasteIT.ScriptedView view = new PasteIT.ScriptedView();
            view.typed.add("alice"); // the name: an answer, not history
            view.typed.add("hello");
            view.typed.add("/register letmein99");
            view.typed.add("y"); // yes, send it over plain text: an answer, not history
            view.typed.add("first\nsecond\n"); // a paste: kept whole, as typed
            view.typed.add("quit");
            ChatClient face = new ChatClient(view, new EventRenderer(Clock.systemUTC()), false);
            ChatSession session = new ChatSession("127.0.0.1", server.port(), face, false);
            session.connect();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return face.run(session, null, false);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            String line;
            do {
                line = bob.readLine();
            } while (!line.startsWith("LEAVE alice"));
            assertThat(status.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(view.kept).containsExactly("hello", "first\nsecond\n", "quit");
        }
    }
}
