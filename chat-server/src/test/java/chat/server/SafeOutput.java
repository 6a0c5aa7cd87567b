package chat.server;

import chat.common.text.TextSanitizer;

/** The check that a line a client received can do nothing to its terminal nor hide how it reads. */
final class SafeOutput {
    private SafeOutput() {}

    /** Fails naming the first control or formatting character, or a stack of combining marks, in {@code line}. */
    static void assertSafe(String line) {
        int marks = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (TextSanitizer.isRemoved(cp)) {
                throw new AssertionError(String.format("U+%04X reached a client in: %s", cp, line));
            }
            marks = TextSanitizer.isCombiningMark(cp) ? marks + 1 : 0;
            if (marks > TextSanitizer.MAX_MARKS_PER_BASE) {
                throw new AssertionError("a stack of " + marks + " combining marks reached a client in: " + line);
            }
            i += Character.charCount(cp);
        }
    }
}
