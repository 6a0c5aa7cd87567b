package chat.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * One generator client's TLS, over a non-blocking channel: an {@link SSLEngine} and its three buffers,
 * driven by the generator's one selector thread. Ciphertext read goes to {@link #netIn()}; {@link #advance}
 * runs the handshake forward and hands on every plaintext chunk; {@link #wrap} turns queued plaintext into
 * ciphertext, which {@link #flush} writes.
 */
final class TlsLink {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ByteBuffer netIn; // ciphertext read, not yet unwrapped (write mode)
    private final ByteBuffer netOut; // ciphertext wrapped, not yet written (read mode)
    private final ByteBuffer plain; // one unwrap's plaintext (write mode)
    private boolean handshaken;

    TlsLink(SSLContext context, String host, int port) throws IOException {
        engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(2 * packet).flip(); // a wrap wants a whole packet's room, even for a few bytes
        plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    ByteBuffer netIn() {
        return netIn;
    }

    boolean handshaken() {
        return handshaken;
    }

    /** Whether the handshake waits to send something (it stopped for room to wrap it in). */
    boolean wantsWrap() {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
    }

    /** Whether ciphertext waits to be written. */
    boolean pendingOut() {
        return netOut.hasRemaining();
    }

    /**
     * Goes as far as the bytes read allow: handshake steps, then application data, each plaintext chunk to
     * {@code sink} (which must consume it before returning).
     */
    void advance(Consumer<ByteBuffer> sink) throws IOException {
        while (true) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                continue;
            }
            if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                if (!wrapInto(NOTHING)) {
                    return; // flush first
                }
                continue;
            }
            if (status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                handshaken = true;
            }
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, plain);
            } finally {
                netIn.compact();
            }
            if (plain.position() > 0) {
                plain.flip();
                sink.accept(plain);
                plain.clear();
            }
            switch (result.getStatus()) {
                case CLOSED:
                    throw new EOFException("the server closed TLS");
                case BUFFER_UNDERFLOW:
                    if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                        handshaken = true;
                    }
                    return; // wait for more bytes
                default:
                    break; // OK; an overflow was emptied into the sink above
            }
        }
    }

    /** Wraps plaintext from {@code src} (one record at most); false if the ciphertext buffer must be flushed first. */
    boolean wrap(ByteBuffer src) throws IOException {
        return wrapInto(src);
    }

    private boolean wrapInto(ByteBuffer src) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new EOFException("TLS closed");
        }
        return result.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW;
    }

    /** Writes pending ciphertext; true if none is left. */
    boolean flush(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }
}
