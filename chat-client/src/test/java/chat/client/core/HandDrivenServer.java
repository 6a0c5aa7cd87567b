package chat.client.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat server driven by hand, for what no honest server does: it greets one connection on a loopback port,
 * records every line it hears ({@link #heard}), and says what its test's {@link Script} says.
 */
final class HandDrivenServer implements AutoCloseable {
    /** The conversation after the greeting; {@code heard} gets each line read with {@link Ends#readLine}. */
    interface Script {
        void play(Ends ends) throws IOException;
    }

    /** The server's ends of the connection. */
    final class Ends {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        private Ends(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        /** The client's next line, recorded; null at the end. */
        String readLine() throws IOException {
            String line = in.readLine();
            if (line != null) {
                heard.add(line);
            }
            return line;
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Ends the connection with a reset (RST), as a crashed server or a middlebox does. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    final List<String> heard = new CopyOnWriteArrayList<>();
    private final ServerSocket listening;

    private HandDrivenServer(ServerSocket listening) {
        this.listening = listening;
    }

    /** Listens on a free loopback port and plays {@code script} with the first connection, on a thread of its own. */
    static HandDrivenServer start(Script script) throws IOException {
        HandDrivenServer server = new HandDrivenServer(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(() -> server.serve(script), "hand-driven-server");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private void serve(Script script) {
        try (Socket s = listening.accept()) {
            s.setSoTimeout(30_000);
            Ends ends = new Ends(s);
            ends.send("HELLO 1 hand-driven");
            script.play(ends);
            while (ends.readLine() != null) {
                // what comes after the script is recorded too
            }
        } catch (IOException e) {
            // the client went away: the test has what it needs
        }
    }

    int port() {
        return listening.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }
}
