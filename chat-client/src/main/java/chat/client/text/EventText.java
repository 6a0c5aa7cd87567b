package chat.client.text;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.text.TextSanitizer;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a server event says to the person reading it, without a time or a layout: {@code <alice> hello},
 * {@code *alice* -> you: psst}, {@code * carol joined from 10.0.0.7}. Both faces start from these words.
 *
 * <p>Everything from the server is sanitised again here, so even a hostile server cannot reach a terminal
 * or a window with control characters, bidi overrides or invisible characters.
 */
public final class EventText {
    /** After an operator removed the person: the client stays out (issue #25, item 5). */
    public static final String REMOVED = "Not reconnecting: come back by hand when you may.";
    private static final DateTimeFormatter HISTORY_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter FOUND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private volatile String me = "";

    /** Private messages to this name read "-> you", and lines naming it want attention. */
    public void setMe(String name) {
        me = name;
    }

    public String me() {
        return me;
    }

    /** The words of {@code event}, clean. */
    public String words(ServerEvent event) {
        return TextSanitizer.clean(body(event));
    }

    /** A status line of the client's own ("Connection lost: ..."), worded like the server's notices. */
    public String notice(String text) {
        return "* " + TextSanitizer.clean(text);
    }

    /** A line that could not be read as an event is still shown, marked, rather than lost. */
    public String unreadable(String line) {
        return "? " + TextSanitizer.clean(line);
    }

    public Tone tone(ServerEvent event) {
        if (event instanceof ServerEvent.InRoom e) {
            return tone(e.event());
        } else if (event instanceof ServerEvent.Msg e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : mentionsMe(e.text()) ? Tone.MENTION : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Action e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : Tone.PLAIN;
        } else if (event instanceof ServerEvent.Notice e) {
            return e.from().equalsIgnoreCase(me) ? Tone.MINE : Tone.NOTICE;
        } else if (event instanceof ServerEvent.PrivateLine || event instanceof ServerEvent.Waited) {
            return Tone.PRIVATE;
        } else if (event instanceof ServerEvent.Error) {
            return Tone.ERROR;
        }
        return Tone.NOTICE;
    }

    /**
     * The person {@code event} is about, as its words name them, or null: the sender of a message, the other
     * side of a private one, whoever joined or left. A face may colour that name.
     */
    public String person(ServerEvent event) {
        if (event instanceof ServerEvent.InRoom e) {
            return person(e.event());
        } else if (event instanceof ServerEvent.History e) {
            return person(e.said());
        } else if (event instanceof ServerEvent.PublicLine e) {
            return e.from();
        } else if (event instanceof ServerEvent.PrivateLine e) {
            return mine(e) ? e.to() : e.from();
        } else if (event instanceof ServerEvent.Join e) {
            return e.name();
        } else if (event instanceof ServerEvent.Leave e) {
            return e.name();
        }
        return null;
    }

    /**
     * What comes before the message itself in {@link #words}: {@code <alice> }, {@code *alice* -> you: },
     * {@code * alice }; the two-character mark of any other line.
     */
    public String lead(ServerEvent event) {
        String body = body(event);
        return TextSanitizer.clean(body.substring(0, textStart(event, body)));
    }

    /** Before a line said earlier: when, in this computer's time zone ({@code [earlier 06:10] }). */
    private static String historyMark(ServerEvent.History history) {
        return "[earlier " + HISTORY_TIME.format(history.at().atZone(ZoneId.systemDefault())) + "] ";
    }

    /** Before a line a search found: where and when ({@code [found #dev 2026-12-01 07:10] }), as it may be days old. */
    private static String foundMark(ServerEvent.Found found) {
        return "[found " + found.room() + " " + FOUND_TIME.format(found.at().atZone(ZoneId.systemDefault())) + "] ";
    }

    /** Before a private line that waited while the person was away: since when ({@code [waited 2026-12-01 07:10] }). */
    private static String waitedMark(ServerEvent.Waited waited) {
        return "[waited " + FOUND_TIME.format(waited.at().atZone(ZoneId.systemDefault())) + "] ";
    }

    /** Before a line of a room other than the default one: which ({@code [#dev] }). */
    private static String roomMark(ServerEvent.InRoom line) {
        return "[" + line.room() + "] ";
    }

    /** Where the text of {@code inner} starts in {@code body}, {@code mark} and then {@code inner}'s words. */
    private static int markedStart(String mark, ServerEvent inner, String body) {
        return mark.length() + textStart(inner, body.substring(mark.length()));
    }

    private static int textStart(ServerEvent event, String body) {
        if (event instanceof ServerEvent.InRoom e) {
            return markedStart(roomMark(e), e.event(), body);
        } else if (event instanceof ServerEvent.History e) {
            return markedStart(historyMark(e), e.said(), body);
        } else if (event instanceof ServerEvent.Found e) {
            return markedStart(foundMark(e), e.said(), body);
        } else if (event instanceof ServerEvent.Waited e) {
            return markedStart(waitedMark(e), e.line(), body);
        }
        int cut;
        if (event instanceof ServerEvent.Msg || event instanceof ServerEvent.Private) {
            cut = body.indexOf(event instanceof ServerEvent.Msg ? "> " : ": ") + 2;
        } else if (event instanceof ServerEvent.Action e) {
            cut = 3 + e.from().length();
        } else if (event instanceof ServerEvent.Notice e) {
            cut = 3 + e.from().length(); // "-alice- "
        } else if (event instanceof ServerEvent.PrivateNotice e) {
            cut = body.startsWith("-> ") ? 6 + e.to().length() : body.indexOf(": ") + 2; // "-> -bob- " or "-alice- -> you: "
        } else {
            cut = 2; // "* " or "! "
        }
        return Math.min(cut, body.length());
    }

    /** Whether {@code event} is for this person's attention: a private message to them, or their name said. */
    public boolean wantsAttention(ServerEvent event) {
        if (event instanceof ServerEvent.PrivateLine e) {
            return !e.from().equalsIgnoreCase(me);
        }
        if (event instanceof ServerEvent.Invite) {
            return true;
        }
        return tone(event) == Tone.MENTION;
    }

    /** Whether {@code e} is one this person sent to someone else (its copy), rather than one to them. */
    private boolean mine(ServerEvent.PrivateLine e) {
        return e.from().equalsIgnoreCase(me) && !e.to().equalsIgnoreCase(me);
    }

    /** Whether {@code text} says this person's name as a word, in any case. */
    private boolean mentionsMe(String text) {
        if (me == null || me.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String name = me.toLowerCase(Locale.ROOT);
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

    private String body(ServerEvent event) {
        if (event instanceof ServerEvent.Msg e) {
            return "<" + e.from() + "> " + e.text();
        } else if (event instanceof ServerEvent.Action e) {
            return "* " + e.from() + " " + e.text();
        } else if (event instanceof ServerEvent.Private e) {
            if (mine(e)) {
                return "-> *" + e.to() + "*: " + e.text();
            }
            return "*" + e.from() + "* -> you: " + e.text();
        } else if (event instanceof ServerEvent.Notice e) {
            return "-" + e.from() + "- " + e.text(); // as IRC clients show a notice
        } else if (event instanceof ServerEvent.PrivateNotice e) {
            return mine(e) ? "-> -" + e.to() + "- " + e.text() : "-" + e.from() + "- -> you: " + e.text();
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
        } else if (event instanceof ServerEvent.Bye e && e.removedByOperator()) {
            return "! You were " + e.text() + ". " + REMOVED;
        } else if (event instanceof ServerEvent.Bye e) {
            return "* Disconnected: " + e.text();
        } else if (event instanceof ServerEvent.Offer e) {
            return "* " + e.from() + " offers " + e.to() + " a file: " + e.name() + " (" + e.size() + " bytes)";
        } else if (event instanceof ServerEvent.Transfer e) {
            return "* Transfer #" + e.id() + " " + e.state().word() + ": " + e.text();
        } else if (event instanceof ServerEvent.TransferData e) {
            return "* Transfer #" + e.id() + ": its data connection is ready"; // never the token
        } else if (event instanceof ServerEvent.History e) {
            return historyMark(e) + body(e.said());
        } else if (event instanceof ServerEvent.InRoom e) {
            return roomMark(e) + body(e.event());
        } else if (event instanceof ServerEvent.Topic e) {
            return e.text().isEmpty() ? "* Topic taken away by " + e.setter() : "* Topic (set by " + e.setter() + "): " + e.text();
        } else if (event instanceof ServerEvent.Room e) {
            return "* " + e.room() + " (" + e.members() + (e.inviteOnly() ? ", invite-only" : "") + ")"
                    + (e.topic().isEmpty() ? "" : ": " + e.topic());
        } else if (event instanceof ServerEvent.Rooms e) {
            return "* " + e.count() + (e.count() == 1 ? " room" : " rooms") + "; /join ROOM to join one";
        } else if (event instanceof ServerEvent.Members e) {
            List<String> names = new ArrayList<>();
            e.names().forEach(n -> names.add((e.operators().contains(n) ? "@" : "") + (e.voiced().contains(n) ? "+" : "") + n));
            return "* In " + e.room() + " (" + names.size() + "): " + String.join(", ", names);
        } else if (event instanceof ServerEvent.Invite e) {
            return "* " + e.from() + " invites you to " + e.room() + ": /join " + e.room();
        } else if (event instanceof ServerEvent.HistoryEnd e) {
            return e.count() == 0 ? "* No earlier lines of " + e.room() + " are kept"
                    : "* " + e.count() + " earlier " + (e.count() == 1 ? "line" : "lines") + " of " + e.room()
                            + (e.more() ? "; /history for more" : ", the oldest kept");
        } else if (event instanceof ServerEvent.Found e) {
            return foundMark(e) + body(e.said());
        } else if (event instanceof ServerEvent.Waited e) {
            return waitedMark(e) + body(e.line());
        } else if (event instanceof ServerEvent.FoundEnd e) {
            return e.count() == 0 ? "* Nothing found" : "* " + e.count() + " found, the newest first";
        } else if (event instanceof ServerEvent.Missed e) {
            return "* " + e.count() + (e.count() == 1 ? " line was" : " lines were") + " said in #general since you were last here ("
                    + FOUND_TIME.format(e.since().atZone(ZoneId.systemDefault())) + ")"
                    + (e.count() == 0 ? "" : "; the latest are above, /history for earlier ones");
        } else if (event instanceof ServerEvent.Limits e) {
            return e.rateLimited()
                    ? String.format(Locale.ROOT, "* Limits: %s lines a second after a burst of %d; lines up to %d bytes",
                            new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(e.ratePerSecond()),
                            e.burst(), e.lineBytes())
                    : "* Limits: lines up to " + e.lineBytes() + " bytes";
        } else if (event instanceof ServerEvent.PasswordRequest e) { // the login answers these; after it, none is due
            return "! The server asked for " + (e.forServer() ? "its password" : "the password of " + e.account())
                    + " outside the login; nothing was sent";
        }
        return "* " + EventCodec.encode(event); // a kind added to the protocol and not worded here yet: shown as it came
    }
}
