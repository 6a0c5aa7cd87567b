package chat.client.core;

/** Where a {@link ChatSession} stands, as its listener is told. */
public enum ConnectionState {
    /** Logged in and chatting. */
    CHATTING,
    /** The connection was lost; trying again (the detail says when). */
    RECONNECTING,
    /** Over: the person left, or the connection was lost and is not tried again. */
    CLOSED
}
