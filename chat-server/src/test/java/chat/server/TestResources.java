package chat.server;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What one test opened: a server, clients, helper threads. {@link #close()} ends them all, clients first. */
final class TestResources implements AutoCloseable {
    final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ChatServer server;

    ChatServer start(ServerConfig config) throws IOException {
        server = ChatServer.start(TestTransport.adapt(config));
        return server;
    }

    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        pool.shutdownNow();
        if (server != null) {
            server.close();
        }
    }
}
