package chat.client.terminal;

import chat.client.text.NameColour;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the terminal face uses colour, and which colour a name gets.
 *
 * <p>{@code --color=auto} (the default) colours at a terminal unless {@code NO_COLOR} is set (no-color.org)
 * or {@code TERM=dumb}; {@code always} and {@code never} decide regardless. Each name has a colour of its
 * own, the same in every session (from the name, ignoring case), so people are told apart at a glance.
 */
public final class Colours {
    /** The colours names get: the six of the basic palette that read on light and dark backgrounds alike. */
    static final int[] NAME_COLOURS = {1, 2, 3, 4, 5, 6}; // red, green, yellow, blue, magenta, cyan

    private Colours() {}

    /**
     * @throws IllegalArgumentException for an option value other than auto, always or never
     */
    public static boolean enabled(String option, Map<String, String> env, boolean terminal) {
        switch (option.toLowerCase(Locale.ROOT)) {
            case "always":
                return true;
            case "never":
                return false;
            case "auto":
                String noColor = env.get("NO_COLOR");
                return terminal && (noColor == null || noColor.isEmpty()) && !isDumb(env);
            default:
                throw new IllegalArgumentException("--color must be auto, always or never, not '" + option + "'");
        }
    }

    /** Whether the terminal can do no more than print lines ({@code TERM=dumb}, as in Emacs' shell). */
    public static boolean isDumb(Map<String, String> env) {
        return "dumb".equals(env.get("TERM"));
    }

    /** The palette colour of {@code name}: stable, and the same for any case of it. */
    static int of(String name) {
        return NAME_COLOURS[NameColour.index(name, NAME_COLOURS.length)];
    }
}
