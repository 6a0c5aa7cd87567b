package chat.server.session;

/**
 * Where a connection is in logging in. Changed only by compare-and-set, so that the login timeout and a
 * name claim cannot both win: {@code LOGGING_IN -> JOINING -> JOINED}, back to {@code LOGGING_IN} if the
 * name was taken, or {@code LOGGING_IN -> TIMED_OUT}; and {@code LOGGING_IN -> CHECKING -> LOGGING_IN} around
 * a password check.
 */
enum LoginState {
    LOGGING_IN,
    /**
     * A password is being checked: the timeout waits, because the wait for a hash is the server's, not the
     * person's (under a storm of hashes it could outlast the timeout).
     */
    CHECKING,
    /** A name claim is in progress; the timeout waits for its outcome. */
    JOINING,
    JOINED,
    TIMED_OUT
}
