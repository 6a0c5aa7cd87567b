package chat.server.admission;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a connection that gets no session, on the thread that has it: two short lines, then close. */
public final class Refusal {
    private static final Logger log = LoggerFactory.getLogger(Refusal.class);

    private Refusal() {}

    /** Writes {@code error} and {@code BYE byeText} in plain text, then closes; two short lines fit any socket buffer. */
    public static void send(Socket socket, ServerEvent error, String byeText) {
        try (socket) {
            write(socket.getOutputStream(), error, byeText);
        } catch (IOException e) {
            log.debug("Refusal not delivered: {}", e.getMessage());
        }
    }

    /** Writes {@code error} and {@code BYE byeText} to {@code out}. */
    static void write(OutputStream out, ServerEvent error, String byeText) throws IOException {
        out.write(EventCodec.encodeLine(error));
        out.write(EventCodec.encodeLine(new ServerEvent.Bye(byeText)));
        out.flush();
    }
}
