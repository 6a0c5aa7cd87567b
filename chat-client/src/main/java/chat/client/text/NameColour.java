package chat.client.text;

import java.util.Locale;

/**
 * Which of a face's colours a name gets: stable across sessions and faces, the same for any case of the
 * name, so people are told apart at a glance and keep their colour.
 */
public final class NameColour {
    private NameColour() {}

    /** The index, from 0 to {@code colours - 1}, of {@code name}'s colour in a palette of {@code colours}. */
    public static int index(String name, int colours) {
        int hash = name.toLowerCase(Locale.ROOT).hashCode();
        return Math.floorMod(hash * 0x9E3779B1, colours);
    }
}
