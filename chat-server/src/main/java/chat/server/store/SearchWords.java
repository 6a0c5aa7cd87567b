package chat.server.store;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The words of a line or of a search, as both engines index and look for them: lower case, accents gone, and
 * anything that is neither a letter nor a digit a space between words. So a search is words to find in that
 * order, never the query language of either engine (quotes, {@code OR}, {@code *}, {@code :}, NUL), and it finds
 * the same lines in SQLite and PostgreSQL.
 */
final class SearchWords {
    private SearchWords() {}

    static String of(String text) {
        String unaccented = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return unaccented.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
