package chat.client.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A block of several lines pasted at once. Both faces send one as text, every line, never as commands
 * ({@link ChatSession#sendText}), and ask the person first when it is long.
 */
public final class Paste {
    /** A paste longer than this many lines is sent only after asking. */
    public static final int ASK_ABOVE_LINES = 20;
    /**
     * Lines that follow one another within this many milliseconds are one paste, where the terminal does not
     * mark pastes (irssi's {@code paste_detect_time} idea): nobody types the next key that soon after Enter. Not
     * less: a terminal multiplexer starved of the processor (tmux on a busy machine) may pause that long in the
     * middle of a paste; each typed line waits this long before it is sent.
     */
    public static final long DETECT_GAP_MILLIS = 25;

    private Paste() {}

    /** What to do with a paste, decided before any of it is sent; {@link ClientText} words each. */
    public sealed interface Verdict {
        /** Nothing in it to send. */
        record Nothing() implements Verdict {}

        /** Not sent: {@code lines} of its lines are longer than the server takes. */
        record TooLong(int lines) implements Verdict {}

        /** Long: sent only if the person says yes to {@link ClientText#askPaste}. */
        record Ask(int lines) implements Verdict {}

        /** Sent at once. */
        record Send(int lines) implements Verdict {}
    }

    /**
     * The core's rule for a paste of {@code lines}: refused whole if any line does not {@code fit} (half a paste
     * would say something else), asked about above {@value #ASK_ABOVE_LINES} lines, else sent.
     */
    public static Verdict verdict(List<String> lines, Predicate<String> fits) {
        if (lines.isEmpty()) {
            return new Verdict.Nothing();
        }
        long tooLong = lines.stream().filter(fits.negate()).count();
        if (tooLong > 0) {
            return new Verdict.TooLong((int) tooLong);
        }
        return lines.size() > ASK_ABOVE_LINES ? new Verdict.Ask(lines.size()) : new Verdict.Send(lines.size());
    }

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
