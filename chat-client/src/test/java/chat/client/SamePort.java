package chat.client;

import static org.awaitility.Awaitility.await;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/** A server started again where an earlier one was, as a reconnecting client expects it. */
public final class SamePort {
    private SamePort() {}

    /**
     * Starts the server {@code config} describes, on the earlier server's port, trying again while the port
     * is held: a connection of the client retrying it can have been given that very port as its own end
     * (it connects to itself, and the client drops it at once), or any other connection on the machine.
     */
    public static ChatServer startAgain(ServerConfig config) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> ChatServer.start(config), Objects::nonNull);
    }
}
