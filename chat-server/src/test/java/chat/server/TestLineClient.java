package chat.server;

import chat.common.io.BoundedLineReader;
import chat.common.net.Sockets;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * A raw protocol client for tests: a real socket on loopback, lines in and out, every read bounded by a
 * timeout so that a missing line fails the test instead of hanging it.
 */
public final class TestLineClient implements AutoCloseable {
    /** Generous: CI is a busy 2-core machine. */
    public static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final OutputStream out;
    private final BoundedLineReader in;

    private TestLineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BoundedLineReader(socket.getInputStream(), 1 << 20);
    }

    /** Connects and reads the HELLO and LIMITS lines. */
    public static TestLineClient connect(int port) throws IOException {
        TestLineClient client = connectRaw(port);
        client.awaitLine("HELLO ");
        client.awaitLine("LIMITS ");
        return client;
    }

    /** Connects without reading anything. */
    public static TestLineClient connectRaw(int port) throws IOException {
        return connectRaw(port, 0);
    }

    /** Connects with a fixed receive buffer (0: the system's default), without reading anything. */
    public static TestLineClient connectRaw(int port, int receiveBufferBytes) throws IOException {
        return connectRaw(null, port, receiveBufferBytes);
    }

    /**
     * Connects from a given local address (null: any), e.g. 127.0.0.2 to look like another host; in a TLS run
     * ({@link TestTransport}) over TLS.
     */
    public static TestLineClient connectRaw(String localAddress, int port, int receiveBufferBytes) throws IOException {
        return new TestLineClient(TestTransport.wrap(plainSocket(localAddress, port, receiveBufferBytes)));
    }

    /** Connects in plain text, whatever the run. */
    private static Socket plainSocket(String localAddress, int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the window is small from the start
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Connects over TLS 1.3, trusting exactly {@code certificate} (as a client that pinned it would), and
     * completes the handshake; reads nothing.
     */
    public static TestLineClient connectTls(int port, X509Certificate certificate) throws IOException {
        Socket plain = plainSocket(null, port, 0);
        SSLSocket tls = (SSLSocket) TestTransport.trusting(certificate).getSocketFactory()
                .createSocket(plain, "127.0.0.1", port, true);
        tls.setSoTimeout(READ_TIMEOUT_MILLIS);
        tls.startHandshake();
        return new TestLineClient(tls);
    }

    /** Connects, logs in as {@code name} and waits for its own JOIN, so it has seen its login complete. */
    public static TestLineClient login(int port, String name) throws IOException {
        return login(connectRaw(port), name);
    }

    /** Logs in as {@code name} in plain text whatever the run: to a server that speaks only that (a jar started plainly). */
    public static TestLineClient loginPlain(int port, String name) throws IOException {
        return login(new TestLineClient(plainSocket(null, port, 0)), name);
    }

    /** Connects from {@code localAddress} (e.g. 127.0.0.2, to be another host) and logs in as {@code name}. */
    public static TestLineClient login(String localAddress, int port, String name) throws IOException {
        return login(connectRaw(localAddress, port, 0), name);
    }

    /** Logs in on a connection that has not read its HELLO yet. */
    public static TestLineClient login(TestLineClient client, String name) throws IOException {
        client.awaitLine("HELLO ");
        client.send(name);
        client.awaitLine("WELCOME " + name + " ");
        client.awaitLine("JOIN " + name + " ");
        return client;
    }

    /** Logs in as {@code name}, registers it with {@code password} and leaves: a name with an account, offline. */
    public static void register(int port, String name, String password) throws IOException {
        try (TestLineClient client = login(port, name)) {
            client.send("/register " + password);
            client.awaitLine("INFO " + name + " is registered now");
            client.send("/quit");
            client.readToEnd();
        }
    }

    /** Connects, logs in as registered {@code name} with {@code password} and waits for its own JOIN. */
    public static TestLineClient login(int port, String name, String password) throws IOException {
        return login(null, port, name, password);
    }

    /** Like {@link #login(int, String, String)}, from {@code localAddress} (null: any). */
    public static TestLineClient login(String localAddress, int port, String name, String password) throws IOException {
        TestLineClient client = connectRaw(localAddress, port, 0);
        client.awaitLine("HELLO ");
        client.send(name);
        client.awaitLine("PASSWORD ");
        client.send(password);
        client.awaitLine("WELCOME " + name + " ");
        client.awaitLine("JOIN " + name + " ");
        return client;
    }

    public void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line; fails on timeout; null at the end of the stream. */
    public String readLine() throws IOException {
        try {
            return in.readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line within " + READ_TIMEOUT_MILLIS + " ms", e);
        }
    }

    /** Skips lines until one starts with {@code prefix} and returns it; fails if the stream ends first. */
    public String awaitLine(String prefix) throws IOException {
        List<String> skipped = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = readLine();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " starting with '" + prefix + "'; got " + skipped, e);
            }
            if (line == null) {
                throw new AssertionError("stream ended before a line starting with '" + prefix + "'; got " + skipped);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            skipped.add(line);
        }
    }

    /** Lines up to the first that starts with {@code prefix}, that one included; fails if the stream ends first. */
    public List<String> linesUntil(String prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                throw new AssertionError("stream ended before " + prefix + "; got " + lines);
            }
            lines.add(line);
        } while (!line.startsWith(prefix));
        return lines;
    }

    /** Reads every line until the server closes the connection. */
    public List<String> readToEnd() throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = readLine(); line != null; line = readLine()) {
                lines.add(line);
            }
        } catch (SocketException e) {
            // a reset after the last line: what was read still counts
        }
        return lines;
    }

    /** Closes with a TCP reset instead of a clean close, as a crashed peer would. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        Sockets.closeNow(socket);
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        Sockets.closeNow(socket);
    }
}
