package chat.server;

import chat.common.net.Sockets;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** What a test opened (servers, clients, processes), closed in reverse order by {@link #close()}. */
public final class Opened implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            AutoCloseable closeable = opened.get(i);
            if (closeable instanceof Socket socket) {
                Sockets.closeNow(socket);
            } else {
                closeable.close();
            }
        }
        opened.clear();
    }
}
