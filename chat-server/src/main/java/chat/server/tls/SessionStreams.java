package chat.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The streams a session reads and writes: the socket's own, or on a TLS port the TLS connection's, which
 * exist only after the handshake. The handshake runs on the session's reader thread ({@link #open}), under
 * the login timeout like everything before login, never on the accept thread, so a client that stalls in
 * it holds up nobody else.
 *
 * <p>A client that does not start with a TLS handshake within {@value #HANDSHAKE_START_MILLIS} ms (a TLS
 * client speaks first; {@code nc} waits for the greeting) is told in plain text that this port wants TLS.
 */
public final class SessionStreams {
    /** How long a TLS client may take to send its first handshake byte after connecting. */
    static final int HANDSHAKE_START_MILLIS = 3000;

    /** What {@link #open} found. */
    public enum Opened { PLAIN, TLS, NOT_TLS }

    private final Socket socket;
    private final SSLContext tls;
    private volatile InputStream in;
    private volatile OutputStream out;

    /** @param tls the TLS context of a TLS port, or null for plain text */
    public SessionStreams(Socket socket, SSLContext tls) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.in = socket.getInputStream();
        // on a TLS port nothing may go out before the handshake (a goodbye for a client stuck in it is dropped)
        this.out = tls == null ? socket.getOutputStream() : OutputStream.nullOutputStream();
    }

    /** Reads through whatever {@link #open} set up. */
    public InputStream input() {
        return tls == null ? in : new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }
        };
    }

    /** Writes through whatever {@link #open} set up. */
    public OutputStream output() {
        return tls == null ? out : new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * The reader thread's first step: on a TLS port, waits for the client's handshake and completes it.
     *
     * @return {@code NOT_TLS} if the client did not start one (the streams are then plain, to say so)
     * @throws IOException if the handshake failed or the connection ended
     */
    public Opened open() throws IOException {
        if (tls == null) {
            return Opened.PLAIN;
        }
        int first;
        try {
            socket.setSoTimeout(HANDSHAKE_START_MILLIS);
            first = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            first = -2; // silent: a person with nc, waiting for a greeting
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
        if (first == -1) {
            throw new IOException("connection closed before TLS");
        }
        if (first != TlsAccept.HANDSHAKE_BYTE) {
            out = socket.getOutputStream();
            return Opened.NOT_TLS;
        }
        SSLSocket ssl = TlsAccept.handshake(tls, socket, first);
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        return Opened.TLS;
    }
}
