package chat.common.protocol;

/** A line that is not a valid server event; the message says what is wrong with it. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
