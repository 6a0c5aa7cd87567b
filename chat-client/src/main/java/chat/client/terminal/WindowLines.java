package chat.client.terminal;

import chat.client.core.Conversations;
import chat.client.text.Tone;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The last lines of each window at a terminal that shows one window at a time, as irssi does: when the
 * person switches, the screen is cleared and the window's lines are shown again. At most {@value #KEPT} per
 * window; a window closed (a room left) takes its lines with it. Thread-safe.
 */
final class WindowLines {
    static final int KEPT = 500;

    /** A line as printed: its words, its tone, the column its continuation rows start at. */
    record Line(String text, Tone tone, int column) {}

    private final Map<String, ArrayDeque<Line>> byWindow = new HashMap<>(); // lower-case conversation name; guarded by this

    synchronized void keep(Conversations.Key window, Line line) {
        ArrayDeque<Line> lines = byWindow.computeIfAbsent(name(window), k -> new ArrayDeque<>());
        if (lines.size() == KEPT) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The lines kept of {@code window}, oldest first. */
    synchronized List<Line> of(Conversations.Key window) {
        ArrayDeque<Line> lines = byWindow.get(name(window));
        return lines == null ? List.of() : List.copyOf(lines);
    }

    /** Forgets the lines of every window but those {@code open}. */
    synchronized void keepOnly(List<Conversations.Summary> open) {
        Set<String> names = new HashSet<>();
        open.forEach(s -> names.add(name(s.key())));
        byWindow.keySet().retainAll(names);
    }

    private static String name(Conversations.Key window) {
        return window.name().toLowerCase(Locale.ROOT);
    }
}
