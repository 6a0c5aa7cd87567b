package chat.common.text;

/**
 * Removes what could act on a terminal, or on how a line reads, instead of being shown as text.
 *
 * <ul>
 *   <li>Control characters: C0 except TAB, DEL, and C1 (U+0080 to U+009F). ESC is a C0 control, so no
 *       escape sequence survives.
 *   <li>Invisible formatting characters that reorder or hide text ("Trojan Source"): the bidi embeddings,
 *       overrides and isolates (U+202A-202E, U+2066-2069), the marks U+200E, U+200F and U+061C, the
 *       zero-width characters (U+200B-200D, U+2060-2064, U+FEFF), the line and paragraph separators
 *       U+2028/2029 (a terminal may break the line there), and the tag characters U+E0000-E007F.
 *   <li>Lone surrogates (only a Java string can hold one; UTF-8 cannot).
 *   <li>Combining marks beyond {@value #MAX_MARKS_PER_BASE} on one base character: scripts need a few,
 *       a stack of hundreds draws over the lines around it.
 * </ul>
 *
 * <p>The server applies this to every line before reading a name or a message from it, so nothing it relays
 * carries such a character; the client applies it again to whatever it prints.
 */
public final class TextSanitizer {
    /** Combining marks kept on one base character; the rest of a longer stack is dropped. */
    public static final int MAX_MARKS_PER_BASE = 4;

    private TextSanitizer() {}

    /** {@code text} without the characters above; the same instance when nothing had to go. */
    public static String clean(String text) {
        StringBuilder out = null; // created at the first character dropped: clean text allocates nothing
        int marks = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean keep;
            if (isRemoved(cp)) {
                keep = false;
            } else if (isCombiningMark(cp)) {
                keep = ++marks <= MAX_MARKS_PER_BASE;
            } else {
                keep = true;
                marks = 0;
            }
            if (!keep && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (keep && out != null) {
                out.append(text, i, next);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /** A control character: C0 except TAB, DEL, C1. */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
    }

    /** Whether {@link #clean} always removes {@code cp}: a control or an invisible formatting character. */
    public static boolean isRemoved(int cp) {
        if (cp < 0x7F) {
            return cp < 0x20 && cp != '\t';
        }
        return cp <= 0x9F
                || cp == 0x061C
                || (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x2028 && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2064)
                || (cp >= 0x2066 && cp <= 0x2069)
                || (cp >= 0xD800 && cp <= 0xDFFF) // a lone surrogate: no character at all, and not encodable
                || cp == 0xFEFF
                || (cp >= 0xE0000 && cp <= 0xE007F);
    }

    /** Whether {@code cp} is a combining mark, drawn on the character before it. */
    public static boolean isCombiningMark(int cp) {
        if (cp < 0x0300) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
