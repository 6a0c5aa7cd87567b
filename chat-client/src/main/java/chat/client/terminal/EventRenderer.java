package chat.client.terminal;

import chat.client.text.EventText;
import chat.client.text.Tone;
import chat.common.protocol.ServerEvent;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The terminal's lines: the words of an event ({@link EventText}) after the time, {@code [14:02] <alice>
 * hello}, and the column where continuation rows of a long one are indented to.
 */
public final class EventRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** "[HH:mm] " */
    private static final int TIME_COLUMNS = 8;
    /** Where the text of a notice ({@link #notice}) starts: after the time and "* ". */
    public static final int NOTICE_COLUMN = TIME_COLUMNS + 2;

    private final Clock clock;
    private final EventText text = new EventText();

    public EventRenderer(Clock clock) {
        this.clock = clock;
    }

    /** Private messages to this name read "-> you". */
    void setMe(String name) {
        text.setMe(name);
    }

    String render(ServerEvent event) {
        return time() + text.words(event);
    }

    Tone tone(ServerEvent event) {
        return text.tone(event);
    }

    /**
     * The display column where the text of {@code event}'s line starts (after the time and the sender), where
     * its continuation rows are indented to.
     */
    int messageColumn(ServerEvent event) {
        return TIME_COLUMNS + LineWrapper.columns(text.lead(event));
    }

    /** A status line of the client's own ("Connection lost: ..."), timestamped like the rest. */
    public String notice(String words) {
        return time() + text.notice(words);
    }

    /** Whether {@code event} is for this person's attention: a private message to them, or their name said. */
    boolean wantsAttention(ServerEvent event) {
        return text.wantsAttention(event);
    }

    /** A line that could not be read as an event is still shown, marked, rather than lost. */
    String renderUnreadable(String line) {
        return time() + text.unreadable(line);
    }

    private String time() {
        return "[" + LocalTime.now(clock).format(TIME) + "] ";
    }
}
