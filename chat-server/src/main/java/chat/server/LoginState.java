package chat.server;

/**
 * Where a connection is in logging in. Changed only by compare-and-set, so that the login timeout and a
 * name claim cannot both win: {@code LOGGING_IN -> JOINING -> JOINED}, back to {@code LOGGING_IN} if the
 * name was taken, or {@code LOGGING_IN -> TIMED_OUT}.
 */
enum LoginState {
    LOGGING_IN,
    /** A name claim is in progress; the timeout waits for its outcome. */
    JOINING,
    JOINED,
    TIMED_OUT
}
