package chat.server.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Moves bytes from one data connection to the other through one fixed buffer: a direct buffer between two
 * plain sockets' channels (the bytes go kernel to buffer to kernel, never into the heap), else a byte array
 * between streams (TLS decrypts and encrypts through the heap anyway).
 */
abstract class Copier {
    /** Reads at most {@code max} bytes into the buffer; -1 at the end of the input. */
    abstract int read(int max) throws IOException;

    /** Writes all that the last read brought. */
    abstract void write() throws IOException;

    static Copier between(DataLink from, DataLink to) {
        SocketChannel in = from.channel();
        SocketChannel out = to.channel();
        if (in != null && out != null) {
            return new Channels(in, out);
        }
        return new Streams(from.in(), to.out());
    }

    private static final class Channels extends Copier {
        private final SocketChannel in;
        private final SocketChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(Transfers.BUFFER_BYTES);

        Channels(SocketChannel in, SocketChannel out) {
            this.in = in;
            this.out = out;
        }

        @Override
        int read(int max) throws IOException {
            buffer.clear().limit(max);
            return in.read(buffer);
        }

        @Override
        void write() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    private static final class Streams extends Copier {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[Transfers.BUFFER_BYTES];
        private int count;

        Streams(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        int read(int max) throws IOException {
            count = in.read(buffer, 0, max);
            return count;
        }

        @Override
        void write() throws IOException {
            out.write(buffer, 0, count);
            out.flush();
        }
    }
}
