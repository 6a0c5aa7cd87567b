package chat.client;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import java.io.IOException;

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
    public static ChatServer startAgain(ServerConfig.Builder config, int port) throws InterruptedException {
        ServerConfig again = config.port(port).transferPort(0).build();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return ChatServer.start(again);
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the server could not start again on port " + port + " in 20 s", e);
                }
                Thread.sleep(100); // a poll interval: what it waits for is the kernel letting go of the port
            }
        }
    }
}
