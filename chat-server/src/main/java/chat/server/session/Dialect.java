package chat.server.session;

import chat.common.protocol.ServerEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * What a connection speaks: the chat's own protocol, or another one translated to it at the connection's edge
 * (IRC: {@code chat.server.irc}), so that everything between (login, flood control, rooms, moderation, the
 * cluster) serves every connection alike.
 *
 * <p>One dialect object serves one connection.
 */
public interface Dialect {
    /** The chat's own protocol, with telnet's commands filtered out, so that {@code telnet} is a client. */
    Dialect NATIVE = new Dialect() {
        @Override
        public InputStream input(InputStream socket, Consumer<byte[]> reply) {
            return new TelnetFilter(socket, reply);
        }

        @Override
        public OutputStream output(OutputStream socket) {
            return socket;
        }
    };

    /**
     * The protocol's lines as the session reads them.
     *
     * @param reply queues bytes for the connection, in order with everything else it is sent; must not block
     */
    InputStream input(InputStream socket, Consumer<byte[]> reply);

    /** Where the session's outbox writes the protocol's lines, whole lines at a time. */
    OutputStream output(OutputStream socket);

    /**
     * Whether {@link #output} gathers what it is written until it is flushed, so that the outbox hands it each
     * queued array as it is rather than copying them together (IRC's recognises a broadcast's shared array).
     */
    default boolean outputGathers() {
        return false;
    }

    /** An event the session sends while logging in, before it is queued: a password asked for, a name refused. */
    default void loginEvent(ServerEvent event) {
    }

    /** The connection has logged in as {@code name}; the next line read is the first command. */
    default void loggedIn(String name) {
    }

    /** The session is ending: called once on its reader thread, before its member (if any) leaves. */
    default void ended() {
    }
}
