package chat.common.text;

/**
 * Removes the characters that could act on a terminal instead of being shown: the C0 controls except TAB,
 * DEL, and the C1 controls (U+0080 to U+009F). ESC is a C0 control, so no escape sequence survives.
 *
 * <p>The server applies this to every line before reading a name or a message from it, so nothing it relays
 * carries a control character; the client applies it again to whatever it prints.
 */
public final class TextSanitizer {
    private TextSanitizer() {}

    public static String clean(String text) {
        int first = firstControl(text);
        if (first < 0) {
            return text; // the common case allocates nothing
        }
        StringBuilder sb = new StringBuilder(text.length());
        sb.append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
