package chat.client.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of several lines pasted at once. Both faces send one as text, every line, never as commands
 * ({@link ChatSession#sendText}), and ask the person first when it is long.
 */
public final class Paste {
    /** A paste longer than this many lines is sent only after asking. */
    public static final int ASK_ABOVE_LINES = 20;

    private Paste() {}

    /** Whether {@code text} holds more than one line, so it is a paste rather than a typed line. */
    public static boolean isPaste(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    /** The lines of {@code paste}, split at any line end; the line end after the last line adds no line. */
    public static List<String> lines(String paste) {
        List<String> lines = new ArrayList<>(List.of(paste.split("\r\n|\r|\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
