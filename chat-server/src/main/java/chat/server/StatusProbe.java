package chat.server;

import chat.common.io.BoundedLineReader;
import chat.common.net.HostPort;
import chat.common.protocol.CommandParser;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code server.jar --status}: asks a running server for its counts, as a health check (a container's,
 * a load balancer's script, an operator's) without logging in. Connects, waits for {@code HELLO}, sends
 * {@code /status}, reads the {@code INFO status ok: ...} answer and leaves.
 */
final class StatusProbe {
    private static final int TIMEOUT_MILLIS = 5000;

    private StatusProbe() {}

    /**
     * @return the status line, e.g. {@code status ok: online=3 connections=4 pending=1 max-clients=1000}
     * @throws IOException naming what went wrong, for a one-line error
     */
    static String ask(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BoundedLineReader in = new BoundedLineReader(socket.getInputStream(), 1 << 20);
            OutputStream out = socket.getOutputStream();
            ServerEvent first = read(in);
            if (first instanceof ServerEvent.Error) {
                return "status busy: " + ((ServerEvent.Error) first).text(); // alive and serving, just not us
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
        } catch (IOException e) {
            throw new IOException("no chat server answering at " + HostPort.format(host, port) + ": " + e.getMessage(), e);
        }
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
