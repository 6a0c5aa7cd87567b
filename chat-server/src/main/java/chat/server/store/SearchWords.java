package chat.server.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a line or of a search, as both engines index and look for them: lower case, accents gone, and
 * anything that is neither a letter nor a digit a space between words. So a search is words to find in that
 * order, never the query language of either engine (quotes, {@code OR}, {@code *}, {@code :}, NUL), and it finds
 * the same lines in SQLite and PostgreSQL.
 */
final class SearchWords {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {}

    static String of(String text) {
        return isAscii(text) ? ofAscii(text) : ofAnyText(text);
    }

    /** The rule itself, for any text. */
    static String ofAnyText(String text) {
        String unaccented = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return BETWEEN_WORDS.matcher(unaccented.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /**
     * The same for ASCII, most lines, in one pass (the store's writer runs it for every line kept): nothing to
     * unaccent, and a letter or a digit is {@code [A-Za-z0-9]}.
     */
    private static String ofAscii(String text) {
        StringBuilder words = new StringBuilder(text.length());
        boolean between = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                separate(words, between);
                words.append(c);
                between = false;
            } else if (c >= 'A' && c <= 'Z') {
                separate(words, between);
                words.append((char) (c + ('a' - 'A')));
                between = false;
            } else {
                between = true;
            }
        }
        return words.toString();
    }

    private static void separate(StringBuilder words, boolean between) {
        if (between && words.length() > 0) {
            words.append(' ');
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
