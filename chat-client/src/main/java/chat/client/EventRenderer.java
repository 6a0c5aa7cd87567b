package chat.client;

import chat.common.protocol.ServerEvent;
import chat.common.text.TextSanitizer;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns server events into the lines a person reads: {@code [14:02] <alice> hello}, not protocol.
 *
 * <p>Everything from the server is sanitised again before printing, so even a hostile server cannot send an
 * escape sequence to the terminal.
 */
final class EventRenderer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;
    private volatile String me = "";

    EventRenderer(Clock clock) {
        this.clock = clock;
    }

    /** Private messages to this name read "-> you". */
    void setMe(String name) {
        me = name;
    }

    String render(ServerEvent event) {
        return "[" + LocalTime.now(clock).format(TIME) + "] " + TextSanitizer.clean(body(event));
    }

    /** How a line should stand out at a terminal. */
    enum Tone {
        /** someone else's public message */
        PLAIN,
        /** one's own public message, as echoed by the server */
        MINE,
        /** a private message, either way */
        PRIVATE,
        /** joins, leaves, lists, help: about the chat rather than in it */
        NOTICE,
        /** a refusal */
        ERROR
    }

    Tone tone(ServerEvent event) {
        if (event instanceof ServerEvent.Msg e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Action e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Private) {
            return Tone.PRIVATE;
        } else if (event instanceof ServerEvent.Error) {
            return Tone.ERROR;
        }
        return Tone.NOTICE;
    }

    /** A status line of the client's own ("Connection lost: ..."), timestamped like the rest. */
    String notice(String text) {
        return "[" + LocalTime.now(clock).format(TIME) + "] * " + TextSanitizer.clean(text);
    }

    /** A line that could not be read as an event is still shown, marked, rather than lost. */
    String renderUnreadable(String line) {
        return "[" + LocalTime.now(clock).format(TIME) + "] ? " + TextSanitizer.clean(line);
    }

    private String body(ServerEvent event) {
        if (event instanceof ServerEvent.Msg e) {
            return "<" + e.from() + "> " + e.text();
        } else if (event instanceof ServerEvent.Action e) {
            return "* " + e.from() + " " + e.text();
        } else if (event instanceof ServerEvent.Private e) {
            if (e.from().equalsIgnoreCase(me) && !e.to().equalsIgnoreCase(me)) {
                return "-> *" + e.to() + "*: " + e.text();
            }
            return "*" + e.from() + "* -> you: " + e.text();
        } else if (event instanceof ServerEvent.Join e) {
            // "-": the server hides addresses (docs/PROTOCOL.md, JOIN)
            return "* " + e.name() + (e.address().equals("-") ? " joined" : " joined from " + e.address());
        } else if (event instanceof ServerEvent.Leave e) {
            return "* " + e.name() + " left" + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
        } else if (event instanceof ServerEvent.Users e) {
            return "* Online (" + e.names().size() + "): " + String.join(", ", e.names());
        } else if (event instanceof ServerEvent.Info e) {
            return "* " + e.text();
        } else if (event instanceof ServerEvent.Error e) {
            return "! Error: " + e.text();
        } else if (event instanceof ServerEvent.Welcome e) {
            return "* " + e.text();
        } else if (event instanceof ServerEvent.Hello e) {
            return "* " + e.text();
        } else if (event instanceof ServerEvent.Bye e) {
            return "* Disconnected: " + e.text();
        } else if (event instanceof ServerEvent.Limits e) {
            return e.rateLimited()
                    ? String.format(java.util.Locale.ROOT, "* Limits: %s lines a second after a burst of %d; lines up to %d bytes",
                            new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                                    .format(e.ratePerSecond()), e.burst(), e.lineBytes())
                    : "* Limits: lines up to " + e.lineBytes() + " bytes";
        }
        throw new AssertionError(event);
    }
}
