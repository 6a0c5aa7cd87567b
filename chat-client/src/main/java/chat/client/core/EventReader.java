package chat.client.core;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import java.io.IOException;

/**
 * Reads the server's events off a connection, for the greeting, the login and the receiving thread alike:
 * {@code LIMITS} go to the pacer, never further; a line that is no event is skipped, and shown to the person
 * where they are listening.
 */
final class EventReader {
    private final Pacer pacer;
    private final ChatListener listener;

    EventReader(Pacer pacer, ChatListener listener) {
        this.pacer = pacer;
        this.listener = listener;
    }

    /**
     * The next event on {@code c}; a closed connection reads as a {@code BYE}.
     *
     * @param tell whether unreadable lines go to the listener (not while a reconnect logs in on its own)
     */
    ServerEvent next(ServerConnection c, boolean tell) throws IOException {
        while (true) {
            String line = c.readLine();
            if (line == null) {
                return new ServerEvent.Bye("the server closed the connection");
            }
            ServerEvent event = tell ? decode(line) : decodeQuietly(line);
            if (event != null) {
                return event;
            }
        }
    }

    /** The event on {@code line}, or null: unreadable lines go to the listener, LIMITS to the pacer. */
    ServerEvent decode(String line) {
        ServerEvent event = decodeQuietly(line);
        if (event == null && !EventCodec.isLimits(line)) {
            listener.onUnreadable(line);
        }
        return event;
    }

    private ServerEvent decodeQuietly(String line) {
        try {
            ServerEvent event = EventCodec.decode(line);
            if (event instanceof ServerEvent.Limits limits) {
                pacer.update(limits);
                return null;
            }
            return event;
        } catch (ProtocolException e) {
            return null;
        }
    }
}
