package chat.server.store;

/** The store could not do what it was asked (a full disk, a damaged file); the message says which. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
