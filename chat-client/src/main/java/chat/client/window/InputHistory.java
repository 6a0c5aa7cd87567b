package chat.client.window;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines sent from the input box, for Up and Down, as a shell keeps them: Up walks back from the newest,
 * Down walks forward and, past the newest, gives back what was being typed before Up.
 */
final class InputHistory {
    static final int MAX_LINES = 500;

    private final List<String> lines = new ArrayList<>();
    private int at; // lines.size() when not walking
    private String typing = "";

    /** Keeps {@code line}, unless it is blank, the newest already, or carries a password ({@code secret}). */
    void add(String line, boolean secret) {
        if (!line.isBlank() && !secret && (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line))) {
            lines.add(line);
            if (lines.size() > MAX_LINES) {
                lines.remove(0);
            }
        }
        at = lines.size();
    }

    /** The line before, or null at the oldest. {@code current} is what the box holds now. */
    String up(String current) {
        if (at == 0) {
            return null;
        }
        if (at == lines.size()) {
            typing = current;
        }
        return lines.get(--at);
    }

    /** The line after, what was being typed past the newest, or null when not walking. */
    String down() {
        if (at >= lines.size()) {
            return null;
        }
        at++;
        return at == lines.size() ? typing : lines.get(at);
    }
}
