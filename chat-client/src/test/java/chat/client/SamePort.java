package chat.client;

import static org.awaitility.Awaitility.await;

import chat.server.ChatServer;
import chat.server.config.ServerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** A server started again where an earlier one was, as a reconnecting client expects it. */
public final class SamePort {
    private SamePort() {}

    /**
     * Starts the server {@code config} describes on {@code port}, the earlier server's, trying again for up
     * to 20 s while the port is held: a connection of the client retrying it can have been given that very
     * port as its own end (it connects to itself, and the client drops it at once), or any other connection
     * on the machine. Its file transfers take any free port: by default they would take {@code port + 1},
     * an even port, the kind the kernel gives outgoing connections, and one of those can hold it for a
     * minute after it closed (TIME_WAIT).
     */
    public static ChatServer startAgain(ServerConfig.Builder config, int port) {
        ServerConfig again = config.port(port).transferPort(0).build();
        AtomicReference<IOException> refused = new AtomicReference<>();
        try {
            return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> startOrNull(again, refused), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the server could not start again on port " + port + " in 20 s", refused.get());
        }
    }

    private static ChatServer startOrNull(ServerConfig config, AtomicReference<IOException> refused) {
        try {
            return ChatServer.start(config);
        } catch (IOException e) {
            refused.set(e);
            return null;
        }
    }
}
