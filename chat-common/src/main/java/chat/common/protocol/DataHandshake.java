package chat.common.protocol;

/**
 * The first lines of a file transfer's data connection (docs/PROTOCOL.md, "File transfer"): the client
 * sends {@code FILE TOKEN}, the server answers {@code OK} (or an {@code ERROR} line) and the bytes follow.
 */
public final class DataHandshake {
    /** The server's answer when the token names a transfer waiting for this end. */
    public static final String OK = "OK";
    private static final String FILE = "FILE ";

    private DataHandshake() {}

    /** The client's line for the transfer {@code token} names. */
    public static String fileLine(String token) {
        return FILE + token;
    }

    /** The token a client's first line names, or null if the line is not a {@code FILE} line. */
    public static String token(String line) {
        return line != null && line.startsWith(FILE) ? line.substring(FILE.length()).strip() : null;
    }
}
