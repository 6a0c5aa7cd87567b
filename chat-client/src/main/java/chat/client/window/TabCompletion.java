package chat.client.window;

import chat.client.core.ChatSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tab in the input box: the word before the caret completes to a command (a first word starting with
 * {@code /}), to a room (a word starting with {@code #}) or to the name of someone online; Tab again, with nothing typed between, offers the next match.
 * A name completed at the start of the line gets {@code ": "} after it, as people address each other.
 */
final class TabCompletion {
    /** The text after completing, and where the caret goes. */
    record Result(String text, int caret) {}

    private Result last; // what the previous Tab produced, to tell a second Tab from new typing
    private List<String> matches = List.of();
    private int index;
    private String before = "";
    private String after = "";
    private boolean atStart;

    /**
     * @param names the names and rooms that may complete a word (rooms start with {@code #}, names never do)
     * @return the completed text, or null if nothing matches
     */
    Result complete(String text, int caret, List<String> names) {
        if (last != null && last.text().equals(text) && last.caret() == caret && matches.size() > 1) {
            index = (index + 1) % matches.size();
            return last = build();
        }
        int start = text.lastIndexOf(' ', caret - 1) + 1;
        String word = text.substring(start, caret).toLowerCase(Locale.ROOT);
        List<String> pool = start == 0 && word.startsWith("/") ? ChatSession.COMMANDS : names;
        List<String> found = new ArrayList<>();
        for (String candidate : pool) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(word)) {
                found.add(candidate);
            }
        }
        if (found.isEmpty()) {
            last = null;
            return null;
        }
        matches = found;
        index = 0;
        before = text.substring(0, start);
        after = text.substring(caret);
        atStart = start == 0;
        return last = build();
    }

    private Result build() {
        String match = matches.get(index);
        if (after.startsWith(" ")) { // inside the line: the space is there already; the caret goes past it
            return new Result(before + match + after, before.length() + match.length() + 1);
        }
        String completed = match + (atStart && !match.startsWith("/") && !match.startsWith("#") ? ": " : " ");
        return new Result(before + completed + after, before.length() + completed.length());
    }
}
