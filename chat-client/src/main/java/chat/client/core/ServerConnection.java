package chat.client.core;

import chat.common.io.BoundedLineReader;
import chat.common.net.HostPort;
import chat.common.net.Sockets;
import chat.common.protocol.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The client's socket: lines out (from any thread, one at a time) and lines in (from one reader thread).
 * {@link #close()} is the one place the socket is closed.
 */
public final class ServerConnection implements AutoCloseable {
    /** Server lines are longer than client lines: a USERS line lists everyone online. */
    private static final int MAX_SERVER_LINE_BYTES = 4 << 20;

    private final Socket socket;
    private final OutputStream out;
    private final BoundedLineReader in;
    private final String security;

    private ServerConnection(Socket socket, String security) throws IOException {
        this.socket = socket;
        this.security = security;
        this.out = socket.getOutputStream();
        this.in = new BoundedLineReader(socket.getInputStream(), Math.max(MAX_SERVER_LINE_BYTES, Protocol.MAX_LINE_BYTES));
    }

    /**
     * Connects within {@code timeoutMillis}.
     *
     * @throws IOException with a message a person can read: "Cannot connect to host:port: connection refused"
     */
    public static ServerConnection open(String host, int port, int timeoutMillis) throws IOException {
        return open(host, port, timeoutMillis, null);
    }

    /**
     * Connects within {@code timeoutMillis}, over TLS when {@code tls} is given.
     *
     * @throws IOException with a message a person can read: "Cannot connect to host:port: connection refused",
     *     or why the server's certificate was not trusted
     */
    public static ServerConnection open(String host, int port, int timeoutMillis, TlsTrust tls) throws IOException {
        TlsTrust.Handshake handshake = tls == null ? null : tls.prepare(host, port); // before connecting: see prepare
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            refuseItself(socket);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
        } catch (IOException e) {
            socket.close();
            throw new IOException("Cannot connect to " + HostPort.format(host, port) + ": " + reason(e), e);
        }
        if (handshake == null) {
            return new ServerConnection(socket, null);
        }
        try {
            socket.setSoTimeout(timeoutMillis); // a server that never answers the handshake
            TlsTrust.Secured secured = handshake.over(socket);
            return new ServerConnection(secured.socket(), secured.how());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Throws if {@code socket} is connected to itself. When nothing listens on a local port of the
     * ephemeral range (a server on this machine that is down, while the client keeps reconnecting), the
     * kernel may give the connecting socket that very port, and TCP then connects it to itself: it would
     * read back its own lines as the server's, and hold the port the server needs to start again.
     */
    static void refuseItself(Socket socket) throws ConnectException {
        if (socket.getLocalSocketAddress().equals(socket.getRemoteSocketAddress())) {
            throw new ConnectException("Connection refused (nothing listens there: the connection reached itself)");
        }
    }

    /** The server's address, as connected to (a data connection goes to the same one). */
    public InetAddress address() {
        return socket.getInetAddress();
    }

    /** The certificate the server showed and was trusted with, or null in plain text. */
    public X509Certificate certificate() {
        if (!(socket instanceof SSLSocket ssl)) {
            return null;
        }
        try {
            return (X509Certificate) ssl.getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** How the connection is protected, e.g. "TLS 1.3, certificate verified by a certificate authority"; null: plain text. */
    public String security() {
        return security;
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        } else if (e instanceof SocketTimeoutException) {
            return "timed out";
        } else if (e instanceof ConnectException && e.getMessage() != null && e.getMessage().startsWith("Connection refused")) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(Locale.ROOT);
    }

    public synchronized void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line from the server, or null when it closed the connection. */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** Bounds waiting for a line (0: forever); used while logging in. */
    public void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            Sockets.closeNow(socket); // a server that hangs must not hold up the end
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
