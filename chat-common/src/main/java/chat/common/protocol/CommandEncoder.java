package chat.common.protocol;

import java.time.Duration;
import java.util.Map;

/**
 * Writes a {@link ClientCommand} as the line a client sends (without its line end): the other way of
 * {@link CommandParser}, so that {@code CommandParser.parse(encode(c))} is {@code c} for every command a
 * client may send. The only place a client builds a command line.
 */
public final class CommandEncoder {
    private CommandEncoder() {}

    /** @throws IllegalArgumentException for {@link ClientCommand.Malformed}, which no line is meant to be */
    public static String encode(ClientCommand command) {
        // release 17 has no patterns in switch: one test per kind, the most common first
        if (command instanceof ClientCommand.Say say) {
            return say(say.text());
        }
        if (command instanceof ClientCommand.PrivateMsg m) {
            return "/msg " + m.to() + " " + m.text();
        }
        if (command instanceof ClientCommand.Me me) {
            return "/me " + me.text();
        }
        if (command instanceof ClientCommand.Notice n) {
            return "/notice " + n.target() + " " + n.text();
        }
        if (command instanceof ClientCommand.Quit q) {
            return q.reason().isEmpty() ? "/quit" : "/quit " + q.reason();
        }
        if (command instanceof ClientCommand.Register r) {
            return "/register " + r.password();
        }
        if (command instanceof ClientCommand.Oper o) {
            return "/oper " + o.name() + " " + o.password();
        }
        if (command instanceof ClientCommand.ChangePassword p) {
            return "/password " + p.password();
        }
        if (command instanceof ClientCommand.Whois w) {
            return "/whois " + w.name();
        }
        if (command instanceof ClientCommand.Purge p) {
            return "/purge " + p.name();
        }
        if (command instanceof ClientCommand.Kick k) {
            return "/kick " + k.name() + (k.reason().isEmpty() ? "" : " " + k.reason());
        }
        if (command instanceof ClientCommand.Ban b) {
            return "/ban " + b.target() + (b.duration() == null ? "" : " " + duration(b.duration()))
                    + (b.reason().isEmpty() ? "" : " " + b.reason());
        }
        if (command instanceof ClientCommand.Unban u) {
            return "/unban " + u.target();
        }
        if (command instanceof ClientCommand.Offer o) {
            return "/offer " + o.to() + " " + o.size() + " " + o.sha256() + " " + o.fileName();
        }
        if (command instanceof ClientCommand.Accept a) {
            return "/accept " + a.id();
        }
        if (command instanceof ClientCommand.Decline d) {
            return "/decline " + d.id();
        }
        if (command instanceof ClientCommand.Cancel c) {
            return "/cancel " + c.id();
        }
        if (command instanceof ClientCommand.To t) {
            return "/to " + t.room() + " " + encode(t.line());
        }
        if (command instanceof ClientCommand.Join j) {
            return "/join " + j.room();
        }
        if (command instanceof ClientCommand.Part p) {
            return words("/part", p.room(), p.reason());
        }
        if (command instanceof ClientCommand.Topic t) {
            return words("/topic", t.room(), t.text());
        }
        if (command instanceof ClientCommand.Names n) {
            return words("/names", n.room());
        }
        if (command instanceof ClientCommand.Invite i) {
            return words("/invite", i.name(), i.room());
        }
        if (command instanceof ClientCommand.InviteOnly i) {
            return words("/invite-only", i.room(), i.on() ? "on" : "off");
        }
        if (command instanceof ClientCommand.TopicLock t) {
            return words("/topic-lock", t.room(), t.on() ? "on" : "off");
        }
        if (command instanceof ClientCommand.Moderated m) {
            return words("/moderated", m.room(), m.on() ? "on" : "off");
        }
        if (command instanceof ClientCommand.Secret s) {
            return words("/secret", s.room(), s.on() ? "on" : "off");
        }
        if (command instanceof ClientCommand.RoomOperator o) {
            return words(o.grant() ? "/op" : "/deop", o.room(), o.name());
        }
        if (command instanceof ClientCommand.Voice v) {
            return words(v.grant() ? "/voice" : "/devoice", v.room(), v.name());
        }
        if (command instanceof ClientCommand.Remove r) {
            return words("/remove", r.room(), r.name(), r.reason());
        }
        if (command instanceof ClientCommand.CloseRoom c) {
            return words("/close", c.room(), c.reason());
        }
        if (command instanceof ClientCommand.History h) {
            return words("/history", h.room(), h.count() == 0 ? "" : Integer.toString(h.count()));
        }
        if (command instanceof ClientCommand.Search s) {
            return words("/search", s.room(), s.text());
        }
        if (command instanceof ClientCommand.Unknown u) {
            return u.command();
        }
        if (command instanceof ClientCommand.Malformed m) {
            throw new IllegalArgumentException("a malformed command has no line: " + m.usage());
        }
        return WORDS.get(command.getClass()); // the commands of one word
    }

    private static final Map<Class<?>, String> WORDS = Map.of(
            ClientCommand.ListUsers.class, "/list",
            ClientCommand.Help.class, "/help",
            ClientCommand.Unregister.class, "/unregister",
            ClientCommand.ListBans.class, "/bans",
            ClientCommand.ListRooms.class, "/rooms",
            ClientCommand.Blank.class, "");

    /** {@code command} and the parts that are not empty, one space apart. */
    private static String words(String command, String... parts) {
        StringBuilder line = new StringBuilder(command);
        for (String part : parts) {
            if (!part.isEmpty()) {
                line.append(' ').append(part);
            }
        }
        return line.toString();
    }

    /** {@code text} said as it is: plain where the server would read it as text, else after {@code /say}. */
    private static String say(String text) {
        return CommandParser.parse(text) instanceof ClientCommand.Say say && say.text().equals(text) ? text : "/say " + text;
    }

    /** The shortest way {@link CommandParser#duration} reads {@code duration} back: {@code 2h}, not {@code 7200s}. */
    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        long[] units = {7 * 86_400, 86_400, 3_600, 60, 1};
        String[] letters = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds % units[i] == 0 && seconds / units[i] <= 999_999) {
                return seconds / units[i] + letters[i];
            }
        }
        throw new IllegalArgumentException("no ban lasts " + duration);
    }
}
