package chat.server.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * One end's data connection once its token was taken: the socket (TLS or plain) and its streams. Closing
 * it is the one way every thread blocked on it is freed.
 */
final class DataLink implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    DataLink(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** The plain socket's channel, for copying without the heap; null in TLS. */
    SocketChannel channel() {
        return socket instanceof SSLSocket ? null : socket.getChannel();
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
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }
}
