package chat.server;

import chat.common.io.BoundedLineReader;
import chat.common.net.HostPort;
import chat.common.protocol.CommandParser;
import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import chat.common.tls.TlsRehearsal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code server.jar --status}: asks a running server for its counts, as a health check (a container's,
 * a load balancer's script, an operator's) without logging in. Connects, waits for {@code HELLO}, sends
 * {@code /status}, reads the {@code INFO status ok: ...} answer and leaves.
 */
final class StatusProbe {
    /**
     * For the whole question, both tries included: a TLS server answers a plain probe only after waiting 3 s for a
     * handshake ({@code SessionStreams}), and its first handshake, on a busy machine, takes seconds more.
     */
    static final long DEADLINE_MILLIS = 15_000;

    private StatusProbe() {}

    /**
     * @return the status line, e.g. {@code status ok: online=3 connections=4 pending=1 max-clients=1000}, with
     *     {@code (TLS)} after {@code status} when the server speaks TLS only
     * @throws IOException naming what went wrong, for a one-line error
     */
    static String ask(String host, int port) throws IOException {
        return ask(host, port, DEADLINE_MILLIS);
    }

    /** {@link #ask(String, int)} with a deadline of {@code deadlineMillis}, for tests. */
    static String ask(String host, int port, long deadlineMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        try {
            String answer = probe(plain(host, port, deadline), deadline);
            return answer != null ? answer
                    : probe(overTls(host, port, deadline), deadline).replaceFirst("^status ", "status (TLS) ");
        } catch (IOException e) {
            throw new IOException("no chat server answering at " + HostPort.format(host, port) + ": " + e.getMessage(), e);
        }
    }

    private static Socket plain(String host, int port, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millisLeft(deadline));
            socket.setSoTimeout(millisLeft(deadline));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Over TLS, any certificate is taken: the probe sends nothing secret ({@code /status}, {@code quit}) and
     * reads counts, and a health check must work before anyone has pinned the server's certificate.
     */
    private static Socket overTls(String host, int port, long deadline) throws IOException {
        SSLSocketFactory factory = readyTls(host, port); // before connecting: see readyTls
        Socket socket = plain(host, port, deadline);
        try {
            SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, port, true);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** TLS sockets that take any certificate, readied before connecting ({@link TlsRehearsal}). */
    private static SSLSocketFactory readyTls(String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            TlsRehearsal.rehearse(context, host, port);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this Java: " + e.getMessage(), e);
        }
    }

    /** The status line read over {@code socket} (closed after), or null if the server speaks TLS only. */
    private static String probe(Socket socket, long deadline) throws IOException {
        try (socket) {
            BoundedLineReader in = new BoundedLineReader(byDeadline(socket, deadline), 1 << 20);
            OutputStream out = socket.getOutputStream();
            ServerEvent first = read(in);
            if (first instanceof ServerEvent.Error error && error.code() == ErrorCode.TLS_REQUIRED) {
                return null;
            }
            if (first instanceof ServerEvent.Error error) {
                return "status busy: " + error.text(); // alive and serving, just not us
            }
            if (!(first instanceof ServerEvent.Hello)) {
                throw new IOException("unexpected answer: " + EventCodec.encode(first));
            }
            out.write((CommandParser.STATUS + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ServerEvent answer = read(in);
            while (answer instanceof ServerEvent.Limits) {
                answer = read(in); // sent right after HELLO
            }
            if (!(answer instanceof ServerEvent.Info)) {
                throw new IOException("unexpected answer: " + EventCodec.encode(answer));
            }
            out.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return ((ServerEvent.Info) answer).text();
        }
    }

    /** Takes any server certificate: see {@link #overTls}. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // any: nothing secret crosses, and only counts come back
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** What is left of the deadline, for a connect or a read; a timeout once none is. */
    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("Read timed out"); // as the JDK says it when a read's wait ends
        }
        return (int) left;
    }

    /** The socket's input, each read waiting only for what is left of the deadline, however the bytes trickle in. */
    private static InputStream byDeadline(Socket socket, long deadline) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                socket.setSoTimeout(millisLeft(deadline));
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                socket.setSoTimeout(millisLeft(deadline));
                return super.read(b, off, len);
            }
        };
    }

    private static ServerEvent read(BoundedLineReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the connection closed");
        }
        try {
            return EventCodec.decode(line);
        } catch (ProtocolException e) {
            throw new IOException("not a chat server: " + line, e);
        }
    }
}
