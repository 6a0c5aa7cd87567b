package chat.client.terminal;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Breaks a rendered line to the terminal's width itself, with every continuation indented to the message
 * column, as irssi and weechat do. Left to the terminal, a message padded with spaces to the width could go
 * on at column 0 with "[17:00] <alice> ..." and look exactly like alice speaking; here no continuation can
 * start left of the column where messages start.
 *
 * <p>Widths are display columns: a CJK character or an emoji takes two, a combining mark none.
 */
final class LineWrapper {
    /** Below this many columns for the text, the indent is given up rather than the text made unreadable. */
    private static final int MIN_TEXT_COLUMNS = 20;

    private LineWrapper() {}

    /**
     * @param line the rendered line, e.g. {@code [14:02] <alice> hello}
     * @param indent the column where the message text starts
     * @param width the terminal's width in columns
     * @return the rows to print: the first as it starts, the rest indented by {@code indent} spaces
     */
    static List<String> wrap(String line, int indent, int width) {
        List<String> rows = new ArrayList<>();
        if (width <= 0 || columns(line) <= width) {
            rows.add(line);
            return rows;
        }
        int pad = width - indent >= MIN_TEXT_COLUMNS ? indent : Math.max(0, width - MIN_TEXT_COLUMNS);
        String padding = " ".repeat(pad);
        int start = 0;
        int room = width;
        while (start < line.length()) {
            int end = fit(line, start, room);
            if (end < line.length() && line.charAt(end) != ' ') {
                int space = line.lastIndexOf(' ', end - 1);
                if (space > start) {
                    end = space + 1; // at a word boundary; only a word wider than the row is cut
                }
            }
            rows.add((rows.isEmpty() ? "" : padding) + line.substring(start, end).stripTrailing());
            start = end;
            while (start < line.length() && line.charAt(start) == ' ') {
                start++; // a row never begins with the space it broke at
            }
            room = width - pad;
        }
        return rows;
    }

    /** The end index of the longest stretch from {@code start} that fits {@code room} columns (at least one character). */
    private static int fit(String line, int start, int room) {
        int used = 0;
        int i = start;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > room && i > start) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Display columns of {@code text}. */
    static int columns(String text) {
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            used += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return used;
    }
}
