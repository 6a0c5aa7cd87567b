package chat.common.protocol;

/** Constants of the wire protocol that both ends must agree on (see docs/PROTOCOL.md). */
public final class Protocol {
    /** Sent in {@code HELLO}; raised only for changes an old client cannot read. */
    public static final int VERSION = 1;

    public static final int DEFAULT_PORT = 65432;

    /** Where a server listens and a client connects when not told: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default limit for one client line, in bytes of UTF-8, terminator excluded. */
    public static final int MAX_LINE_BYTES = 4096;

    /** The most lines one {@code /history} asks for; the server's default is {@link #DEFAULT_HISTORY_LINES}. */
    public static final int MAX_HISTORY_LINES = 100;

    public static final int DEFAULT_HISTORY_LINES = 20;

    /** The longest text one {@code /search} looks for, in characters. */
    public static final int MAX_SEARCH_CHARS = 100;

    /** The most lines one {@code /search} answers with, the newest first. */
    public static final int MAX_SEARCH_LINES = 20;

    private Protocol() {}
}
