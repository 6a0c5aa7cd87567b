package chat.common.protocol;

import java.util.Optional;

/**
 * A valid room name: {@code #} and then 1 to 30 of the characters a {@link Username} may hold. Shown as
 * written, unique ignoring case ({@link #key()}), and a room that looks like another ({@link #skeleton()}) may
 * not be made beside it. A person may leave out the {@code #} ({@link #typed}).
 */
public record RoomName(String value) {
    public static final int MAX_LENGTH = 31;
    /** The room everyone is in from login: its lines carry no room (docs/PROTOCOL.md, "Rooms"). */
    public static final RoomName DEFAULT = new RoomName("#general");
    /** The rule, as a message that refuses a room name says it. */
    public static final String RULE = "'#' and 1-" + (MAX_LENGTH - 1) + " letters, digits, '_', '-' or '.'";

    public RoomName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid room name: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && text.length() >= 2 && text.length() <= MAX_LENGTH && text.charAt(0) == '#'
                && Username.isValid(text.substring(1));
    }

    /** The room {@code text} names as a person types it, with or without its {@code #}; empty if none. */
    public static Optional<RoomName> typed(String text) {
        String written = text.startsWith("#") ? text : "#" + text;
        return isValid(written) ? Optional.of(new RoomName(written)) : Optional.empty();
    }

    /** The case-folded form under which the room is unique. */
    public String key() {
        return Username.key(value);
    }

    /** The name as it looks ({@link Username#skeleton}): two rooms with one skeleton may not both exist. */
    public String skeleton() {
        return Username.skeleton(value);
    }

    public boolean isDefault() {
        return key().equals(DEFAULT.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
