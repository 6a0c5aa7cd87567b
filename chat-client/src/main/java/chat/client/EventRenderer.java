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
    /** "[HH:mm] " */
    private static final int TIME_COLUMNS = 8;

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
        ERROR,
        /** someone else's public message that names you */
        MENTION
    }

    Tone tone(ServerEvent event) {
        if (event instanceof ServerEvent.Msg e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : mentionsMe(e.text()) ? Tone.MENTION : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Action e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Private) {
            return Tone.PRIVATE;
        } else if (event instanceof ServerEvent.Error) {
            return Tone.ERROR;
        }
        return Tone.NOTICE;
    }

    /**
     * The display column where the text of {@code event}'s line starts (after the time and the sender), where
     * its continuation rows are indented to.
     */
    int messageColumn(ServerEvent event) {
        String body = body(event);
        int cut;
        if (event instanceof ServerEvent.Msg || event instanceof ServerEvent.Private) {
            cut = body.indexOf(event instanceof ServerEvent.Msg ? "> " : ": ") + 2;
        } else if (event instanceof ServerEvent.Action e) {
            cut = 3 + e.from().length();
        } else {
            cut = 2; // "* " or "! "
        }
        return TIME_COLUMNS + LineWrapper.columns(body.substring(0, Math.min(cut, body.length())));
    }

    /** A status line of the client's own ("Connection lost: ..."), timestamped like the rest. */
    String notice(String text) {
        return "[" + LocalTime.now(clock).format(TIME) + "] * " + TextSanitizer.clean(text);
    }

    /** Whether {@code event} is for this person's attention: a private message to them, or their name said. */
    boolean wantsAttention(ServerEvent event) {
        if (event instanceof ServerEvent.Private e) {
            return !e.from().equalsIgnoreCase(me);
        }
        return tone(event) == Tone.MENTION;
    }

    /** Whether {@code text} says this person's name as a word, in any case. */
    private boolean mentionsMe(String text) {
        if (me == null) {
            return false;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String name = me.toLowerCase(java.util.Locale.ROOT);
        for (int at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
            boolean startsWord = at == 0 || !isNameChar(lower.charAt(at - 1));
            int end = at + name.length();
            boolean endsWord = end == lower.length() || !isNameChar(lower.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
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
