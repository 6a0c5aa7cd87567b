package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.client.text.EventText;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #25, item 2: no line from a server may kill the client's receiver. A server driven by hand logs the
 * client in, then sends what no honest server would.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private HandDrivenServer server;
    private List<String> heard; // the lines the server read
    private ChatSession session;

    @AfterEach
    void close() throws IOException {
        if (session != null) {
            session.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A server that greets, welcomes any name, then sends {@code after} and reads whatever comes. */
    private int serve(String... after) throws IOException {
        server = HandDrivenServer.start(ends -> {
            String name = ends.readLine();
            ends.send("WELCOME " + name + " hi");
            for (String line : after) {
                ends.send(line);
            }
        });
        heard = server.heard;
        return server.port();
    }

    /** Hears as a face does: every event put in words ({@link EventText}, which both faces use). */
    private static final class Face implements ChatListener {
        final EventText text = new EventText();
        final List<String> shown = new CopyOnWriteArrayList<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        volatile String failOn; // a text whose line makes this face fail, as a bug in a face would

        @Override
        public void onEvent(ServerEvent event) {
            String words = text.words(event);
            if (failOn != null && words.contains(failOn)) {
                throw new IllegalStateException("the face broke on " + failOn);
            }
            shown.add(words);
        }

        @Override
        public void onStateChanged(ConnectionState state, String detail) {
            states.add(state + ": " + detail);
        }

        @Override
        public String askPassword(String question) {
            throw new AssertionError("no password may be asked after the login: " + question);
        }
    }

    @Test
    void aPasswordQuestionAfterTheLoginIsShownNeverAnsweredAndTheChatGoesOn() throws Exception {
        int port = serve("PASSWORD alice send it again", "MSG bob still here");
        Face face = new Face();
        session = new ChatSession("127.0.0.1", port, face, false);
        session.connect();
        assertThat(session.login("alice")).isInstanceOf(ServerEvent.Welcome.class);
        await().atMost(WAIT).until(() -> face.shown.stream().anyMatch(l -> l.contains("still here")));
        assertThat(face.shown).anyMatch(l -> l.equals("! The server asked for the password of alice outside the login; nothing was sent"));
        assertThat(session.state()).isEqualTo(ConnectionState.CHATTING);
        session.send("hello");
        await().atMost(WAIT).until(() -> heard.contains("hello"));
        assertThat(heard).containsExactly("alice", "/list", "hello"); // nothing answered the question
    }

    @Test
    void aFailureOnALineEndsTheConnectionInOneSentenceNotTheReceiverAlone() throws Exception {
        int port = serve("MSG bob breaks the face", "MSG bob never shown");
        Face face = new Face();
        face.failOn = "breaks the face";
        session = new ChatSession("127.0.0.1", port, face, false);
        session.connect();
        session.login("alice");
        await().atMost(WAIT).until(() -> session.awaitEnd(0, TimeUnit.SECONDS));
        assertThat(face.states).last().asString()
                .isEqualTo("CLOSED: a line from the server could not be handled (IllegalStateException: the face broke on breaks the face)");
        assertThat(face.shown).noneMatch(l -> l.contains("never shown"));
    }

    @Test
    void aResetConnectionIsSaidWithTheServersName() throws Exception {
        server = HandDrivenServer.start(ends -> {
            String name = ends.readLine();
            ends.send("WELCOME " + name + " hi");
            ends.readLine(); // the client's /list
            ends.reset();
        });
        Face face = new Face();
        session = new ChatSession("127.0.0.1", server.port(), face, false);
        session.connect();
        session.login("alice");
        assertThat(session.awaitEnd(30, TimeUnit.SECONDS)).isTrue();
        assertThat(face.states).last().asString().startsWith("CLOSED: ").endsWith(" (127.0.0.1:" + server.port() + ")");
    }
}
