package chat.common.protocol;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A change of a room's modes or of a member's standing in it, as the room is told it: an {@code INFO} line whose
 * words are made here and only here, so that they can be read back (the server's IRC listener tells {@code MODE}).
 *
 * @param by who changed it; null when the chat did (a room left without operators gets one)
 * @param mode IRC's letter for it: {@code i} invite-only, {@code t} topic locked, {@code m} moderated, {@code s}
 *     secret, {@code o} operator, {@code v} voiced
 * @param on set or taken away
 * @param member whom an {@code o} or {@code v} is about; null for the room's own modes
 */
public record RoomChange(String by, char mode, boolean on, String member) {
    /** The words of each change: {@code %1$s} who, {@code %2$s} the member, {@code %3$s} the room. */
    private record Words(char mode, boolean on, boolean byTheChat, String template, Pattern pattern) {
        Words(char mode, boolean on, boolean byTheChat, String template) {
            this(mode, on, byTheChat, template, Pattern.compile(Pattern.quote(template)
                    .replace("%1$s", "\\E(?<by>" + NAME + ")\\Q")
                    .replace("%2$s", "\\E(?<member>" + NAME + ")\\Q")
                    .replace("%3$s", "\\E(?<room>#[^ ]{1," + RoomName.MAX_LENGTH + "})\\Q")));
        }
    }

    private static final String NAME = "[A-Za-z0-9_.-]{1," + Username.MAX_LENGTH + "}";
    private static final List<Words> WORDS = List.of(
            new Words('i', true, false, "%1$s made %3$s invite-only"),
            new Words('i', false, false, "%1$s opened %3$s to everyone"),
            new Words('t', true, false, "%1$s let only the operators of %3$s set its topic"),
            new Words('t', false, false, "%1$s let every member of %3$s set its topic"),
            new Words('m', true, false, "%1$s made %3$s moderated: only its operators and voiced members may speak"),
            new Words('m', false, false, "%1$s let everyone in %3$s speak again"),
            new Words('s', true, false, "%1$s made %3$s secret: it is not listed for those not in it"),
            new Words('s', false, false, "%1$s listed %3$s again"),
            new Words('o', true, false, "%1$s made %2$s an operator of %3$s"),
            new Words('o', false, false, "%1$s took %2$s's operator rights in %3$s"),
            new Words('o', true, true, "%2$s is an operator of %3$s now: its last operator left"),
            new Words('v', true, false, "%1$s let %2$s speak in %3$s while it is moderated"),
            new Words('v', false, false, "%1$s took %2$s's voice in %3$s"));

    /** What the room {@code room} is told of this change. */
    public String text(RoomName room) {
        return words().template().formatted(by, member, room.value());
    }

    /** The second word of each change's words: a text whose second word is none of these is no change (read fast). */
    private static final Set<String> VERBS = WORDS.stream().map(w -> w.template().split(" ")[1]).collect(Collectors.toSet());

    /** The change {@code text}, an {@code INFO} of the room {@code room}, tells; null if it tells none. */
    public static RoomChange read(String room, String text) {
        int first = text.indexOf(' ');
        int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
        if (second < 0 || !VERBS.contains(text.substring(first + 1, second))) {
            return null;
        }
        for (Words w : WORDS) {
            Matcher m = w.pattern().matcher(text);
            if (m.matches() && m.group("room").equals(room)) {
                boolean aboutMember = w.template().contains("%2$s");
                return new RoomChange(w.byTheChat() ? null : m.group("by"), w.mode(), w.on(), aboutMember ? m.group("member") : null);
            }
        }
        return null;
    }

    private Words words() {
        for (Words w : WORDS) {
            if (w.mode() == mode && w.on() == on && w.byTheChat() == (by == null)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no words for " + this);
    }
}
