package chat.client.core;

import chat.client.transfer.TransferView;
import chat.common.protocol.ServerEvent;

/**
 * What a face hears from a {@link ChatSession}. Called on the session's receiving thread (or, during
 * login, on the thread that logs in): a face that draws must hand over to its own thread, and must not
 * block here for long.
 */
public interface ChatListener {
    /** A line from the server, decoded; the pacing line ({@code LIMITS}) is kept by the session. */
    void onEvent(ServerEvent event);

    /** A line from the server that is not of the protocol, shown as it is. */
    default void onUnreadable(String line) {}

    /** The session changed state; {@code detail} says why or what happens next, for a person. */
    void onStateChanged(ConnectionState state, String detail);

    /**
     * Asks the person for a password, without showing it and without keeping it in any history. Called on
     * the thread that logs in or sends; may block until the person answers.
     *
     * @param question e.g. "Password for alice at chat.example.org:4000: "
     * @return the password, or null if the person declined (or nobody can be asked: the default)
     */
    default String askPassword(String question) {
        return null;
    }

    /**
     * Asks the person a question whose safe answer is no (a password about to cross the network unencrypted).
     * Called on the thread that logs in or sends; may block until the person answers.
     *
     * @return true only if the person said yes; false where nobody can be asked (the default)
     */
    default boolean confirm(String question) {
        return false;
    }

    /**
     * A file transfer changed: offered, answered, moved on (a few times a second while running), or ended.
     * The transfer lines themselves ({@code OFFER}, {@code TRANSFER}, {@code DATA}) never reach {@link #onEvent}.
     */
    default void onTransfer(TransferView view) {}
}
