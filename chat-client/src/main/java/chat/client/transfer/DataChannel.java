package chat.client.transfer;

import chat.common.net.Sockets;
import chat.common.protocol.DataHandshake;
import chat.common.tls.PinnedTrust;
import chat.common.tls.TlsRehearsal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One end's data connection of a transfer (docs/PROTOCOL.md, "File transfer"): to the chat server's address,
 * in TLS trusting exactly the certificate the chat connection was trusted with, or in plain text when the
 * chat is; the token sent and {@code OK} read before any byte of the file moves.
 */
final class DataChannel implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Longer than the server's idle timeout: the server decides when a transfer has stalled. */
    private static final int READ_TIMEOUT_MILLIS = 120_000;
    private static final int MAX_ANSWER_BYTES = 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private DataChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and gives {@code token}.
     *
     * @param certificate the chat server's certificate, or null for plain text
     * @throws IOException with the server's refusal in words, or why the connection failed
     */
    static DataChannel open(InetAddress address, String host, int port, X509Certificate certificate, String token)
            throws IOException {
        SSLContext tls = certificate == null ? null : PinnedTrust.context(certificate); // before connecting: TlsRehearsal
        if (tls != null) {
            TlsRehearsal.rehearse(tls, host, port);
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
            Socket socket = tls == null ? plain : secure(tls, plain, host, port);
            DataChannel channel = new DataChannel(socket);
            channel.out.write((DataHandshake.fileLine(token) + "\n").getBytes(StandardCharsets.US_ASCII));
            channel.out.flush();
            String answer = channel.readLine();
            if (!DataHandshake.OK.equals(answer)) {
                throw new IOException(answer == null ? "the server closed the data connection"
                        : "the server refused the data connection: " + answer.replaceFirst("^ERROR [A-Z_]+ ", ""));
            }
            return channel;
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    private static Socket secure(SSLContext tls, Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.startHandshake();
        return socket;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() < MAX_ANSWER_BYTES) {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    @Override
    public void close() {
        try {
            Sockets.closeNow(socket); // a server end that is not reading (waiting for the partner) must not hold it up
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
