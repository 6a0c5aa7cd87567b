package chat.server.irc;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.EventCodec;
import chat.common.protocol.RoomChange;
import chat.common.protocol.RoomName;
import chat.common.protocol.Username;
import chat.common.protocol.ServerEvent;
import chat.server.irc.IrcConnection.Pending;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer's half of an IRC connection: each of the chat's lines for this member becomes what an IRC client
 * expects (docs/IRC.md gives the mapping). One writer at a time owns it.
 */
final class IrcReplies {
    private static final String GENERAL = RoomName.DEFAULT.value();
    /** IRCv3 server-time: always with milliseconds. */
    private static final DateTimeFormatter SERVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ROOM = Pattern.compile("#[A-Za-z0-9_.-]+");
    /** A line of names (353) stops growing here, well inside IRC's 512 bytes with the server's name and a nick. */
    private static final int NAMES_BYTES = 380;

    /** Lines of a room's history held for its JOIN (IRC clients drop lines of channels they are not in), at most. */
    private static final int MAX_HELD_HISTORY = 1000;

    private final IrcConnection irc;
    // The chat tells a joiner JOIN, then MEMBERS and TOPIC (one entry of the outbox, so in one write); IRC clients
    // expect JOIN, the topic (332) and then the names. So a join's names wait for a topic until the end of their write.
    private final Set<String> joining = new HashSet<>(); // rooms joined, until their names are told: a topic is the join's
    private final Set<String> named = new HashSet<>(); // rooms of joining whose names came in this write
    private final List<IrcMessage> heldNames = new ArrayList<>(); // 353s and 366 of a join, until its topic or the end
    private final List<IrcMessage> heldHistory = new ArrayList<>(); // a room's last lines, told before its JOIN

    IrcReplies(IrcConnection irc) {
        this.irc = irc;
    }

    /** What the client is sent for one of the chat's lines; none for what IRC has no use for. */
    List<IrcMessage> translate(ServerEvent event) {
        List<IrcMessage> out = new ArrayList<>(2);
        if (!heldNames.isEmpty() && !(event instanceof ServerEvent.InRoom in && in.event() instanceof ServerEvent.Topic)) {
            out.addAll(heldNames);
            heldNames.clear();
        }
        if (event instanceof ServerEvent.InRoom in) {
            inRoom(in.room(), in.event(), out);
        } else if (event instanceof ServerEvent.PublicLine || event instanceof ServerEvent.Join
                || event instanceof ServerEvent.Leave || event instanceof ServerEvent.Topic || event instanceof ServerEvent.History) {
            inRoom(GENERAL, event, out);
        } else if (event instanceof ServerEvent.PrivateLine p) {
            privateLine(p, null, out);
        } else if (event instanceof ServerEvent.Welcome w) {
            welcome(w.name(), out);
        } else if (event instanceof ServerEvent.Members m) {
            members(m, out);
        } else if (event instanceof ServerEvent.Info info) {
            info(info.text(), out);
        } else if (event instanceof ServerEvent.Error e) {
            error(e, out);
        } else if (event instanceof ServerEvent.Users u) {
            users(u, out);
        } else if (event instanceof ServerEvent.Room r) {
            if (listed(r.room())) {
                out.add(numeric("322", r.room(), Integer.toString(r.members()), r.topic()));
            }
        } else if (event instanceof ServerEvent.Rooms) {
            take(p -> p.kind() == Pending.Kind.LIST);
            out.add(numeric("323", "End of /LIST"));
        } else if (event instanceof ServerEvent.Invite i) {
            out.add(IrcMessage.of(IrcConnection.mask(i.from()), "INVITE", irc.nick, i.room()));
        } else if (event instanceof ServerEvent.Waited w) {
            privateLine(w.line(), w.at(), out);
        } else if (event instanceof ServerEvent.Bye bye) {
            out.add(new IrcMessage("", "", "ERROR", List.of("Closing link: " + bye.text())));
        } else if (event instanceof ServerEvent.Hello || event instanceof ServerEvent.Limits
                || event instanceof ServerEvent.PasswordRequest) {
            // the greeting is the chat's own; a password asked for is answered by the reader (IrcCommands)
        } else {
            // files, history pages, search results, the missed count: told as they are, for a person to read
            out.add(notice(irc.target(), EventCodec.encode(event)));
        }
        return out;
    }

    /**
     * Whether someone else's public line may be sent as it is relayed to every IRC client ({@code IrcOutput}'s
     * copy), with a time tag if {@link #tagsTime()}: nothing held, no join under way whose state a line would change.
     */
    boolean plain() {
        return !holding && heldNames.isEmpty() && heldHistory.isEmpty() && joining.isEmpty();
    }

    /** Whether every line is tagged with its time (IRCv3 server-time). */
    boolean tagsTime() {
        return irc.serverTime();
    }

    String nick() {
        return irc.nick;
    }

    boolean isMe(String name) {
        return irc.isMe(name);
    }

    /** Whether the client wants its own lines back (IRCv3 echo-message), as the chat echoes every line to its sender. */
    boolean echoes() {
        return irc.echoMessage();
    }

    /** The end of one write of the outbox: what was held for a topic goes now. */
    List<IrcMessage> endOfWrite() {
        if (!named.isEmpty()) {
            joining.removeAll(named); // the topic would have come in the same write
            named.clear();
        }
        if (heldNames.isEmpty()) {
            return List.of();
        }
        List<IrcMessage> names = List.copyOf(heldNames);
        heldNames.clear();
        return names;
    }

    /** Whether the welcome waits for the end of capability negotiation (a SASL login); see {@link #holding()}. */
    private boolean holding;

    /** True from a welcome during negotiation until the client ends it ({@code IrcOutput} holds what follows). */
    boolean holding() {
        return holding;
    }

    void released() {
        holding = false;
    }

    private void welcome(String name, List<IrcMessage> out) {
        irc.nick = name;
        irc.registered = true;
        if (irc.saslLogin) {
            irc.saslLogin = false;
            if (irc.saslPasswordAsked) {
                out.add(numeric("900", IrcConnection.mask(name), name, "You are now logged in as " + name));
                out.add(numeric("903", "SASL authentication successful"));
            } else { // the name is nobody's account: logged in all the same, as anyone may under it
                out.add(numeric("904", "SASL authentication failed: " + name + " is not a registered name"));
            }
            holding = irc.negotiating;
        }
        out.add(numeric("001", "Welcome to the chat, " + name));
        out.add(numeric("002", "Your host is " + irc.serverName + ", running chat"));
        out.add(numeric("003", "This server serves the chat's own clients, nc users and IRC clients alike"));
        out.add(numeric("004", irc.serverName, "chat-1", "io", "imostv", "ov"));
        out.add(numeric("005", "CASEMAPPING=ascii", "CHANTYPES=#", "CHANMODES=,,,imst", "PREFIX=(ov)@+",
                "NICKLEN=" + Username.MAX_LENGTH, "CHANNELLEN=" + RoomName.MAX_LENGTH, "TARGMAX=PRIVMSG:" + IrcCommands.MAX_TARGETS
                        + ",NOTICE:" + IrcCommands.MAX_TARGETS + ",JOIN:" + IrcCommands.MAX_TARGETS + ",KICK:" + IrcCommands.MAX_TARGETS
                        + ",NAMES:" + IrcCommands.MAX_TARGETS,
                "MODES=" + IrcCommands.MAX_MODES, "NETWORK=chat", "CLIENTTAGDENY=*", "WHOX", "are supported by this server"));
        out.add(numeric("422", "MOTD File is missing")); // the end of registration; #general's JOIN follows, as an auto-join's
    }

    private void inRoom(String room, ServerEvent event, List<IrcMessage> out) {
        String key = IrcConnection.key(room);
        if (event instanceof ServerEvent.PublicLine spoken) {
            said(room, spoken, null, out);
        } else if (event instanceof ServerEvent.History h) {
            if (irc.has("server-time")) { // without the time, an old line would pass for a new one
                List<IrcMessage> to = irc.channels.contains(key) ? out : heldHistory.size() < MAX_HELD_HISTORY ? heldHistory
                        : new ArrayList<>();
                said(room, h.said(), h.at(), to);
            }
            return;
        } else if (event instanceof ServerEvent.Join j) {
            out.add(IrcMessage.of(IrcConnection.mask(j.name()), "JOIN", room));
            if (irc.has("away-notify") && !irc.isMe(j.name())) { // one who joins away: said after the JOIN if news
                IrcDirectory.Person p = irc.directory.person(j.name());
                if (p.isAway() && irc.awayNews(j.name(), p.away())) {
                    out.add(IrcMessage.of(IrcConnection.mask(j.name()), "AWAY", p.away()));
                }
            }
            if (irc.isMe(j.name())) {
                irc.channels.add(key);
                joining.add(key);
                out.addAll(heldHistory);
                heldHistory.clear();
            }
            return;
        } else if (event instanceof ServerEvent.Leave l) {
            leave(room, l, out);
        } else if (event instanceof ServerEvent.Topic t) {
            Pending asked = t.text().isEmpty() ? null : take(Pending.Kind.TOPIC, room); // none: taken away just now
            if (asked != null || !t.text().isEmpty() && joining.remove(key)) {
                out.add(numeric("332", room, t.text()));
                out.add(numeric("333", room, IrcConnection.mask(t.setter()), Long.toString(Instant.now().getEpochSecond())));
                out.addAll(heldNames);
                heldNames.clear();
            } else {
                out.add(IrcMessage.of(IrcConnection.mask(t.setter()), "TOPIC", room, t.text()));
            }
        } else if (event instanceof ServerEvent.Info i) {
            if (take(Pending.Kind.TOPIC, room) != null) { // the only INFO a topic asked for gets: there is none
                out.add(numeric("331", room, "No topic is set"));
            } else {
                out.add(modeOrNotice(room, i.text()));
            }
        } else {
            out.add(notice(room, EventCodec.encode(event)));
        }
        joining.remove(key);
    }

    /** A room's {@code INFO}: a {@code MODE} line if it tells a change of modes (IRC clients keep them so), else a notice. */
    private IrcMessage modeOrNotice(String room, String text) {
        RoomChange change = RoomChange.read(room, text);
        if (change == null) {
            return IrcMessage.of(irc.serverName, "NOTICE", room, text);
        }
        String mode = (change.on() ? "+" : "-") + change.mode();
        String by = change.by() == null ? irc.serverName : IrcConnection.mask(change.by());
        return change.member() == null ? IrcMessage.of(by, "MODE", room, mode) : IrcMessage.of(by, "MODE", room, mode, change.member());
    }

    /** A line said in {@code room}: a {@code PRIVMSG} (an action in CTCP), or a {@code NOTICE} for the chat's notice. */
    private void said(String room, ServerEvent.PublicLine spoken, Instant at, List<IrcMessage> out) {
        if (at == null && irc.isMe(spoken.from()) && !echoes()) {
            return; // the chat echoes every line to its sender; an IRC client shows its own lines itself
        }
        String command = spoken instanceof ServerEvent.Notice ? "NOTICE" : "PRIVMSG";
        String text = spoken instanceof ServerEvent.Action ? IrcCommands.action(spoken.text()) : spoken.text();
        out.add(timed(IrcMessage.of(IrcConnection.mask(spoken.from()), command, room, text), at));
    }

    /** A private line: a {@code PRIVMSG}, or a {@code NOTICE} for the chat's private notice. */
    private void privateLine(ServerEvent.PrivateLine p, Instant at, List<IrcMessage> out) {
        if (!irc.isMe(p.to()) && !echoes()) {
            return; // our own line to someone else, echoed
        }
        String command = p instanceof ServerEvent.PrivateNotice ? "NOTICE" : "PRIVMSG";
        String text = at == null || irc.has("server-time") ? p.text() : "[" + time(at) + "] " + p.text();
        out.add(timed(IrcMessage.of(IrcConnection.mask(p.from()), command, p.to(), text), at));
    }

    private void leave(String room, ServerEvent.Leave l, List<IrcMessage> out) {
        boolean me = irc.isMe(l.name());
        if (room.equals(GENERAL)) { // leaving the default room is leaving the chat
            if (!me) {
                out.add(IrcMessage.of(IrcConnection.mask(l.name()), "QUIT", l.reason()));
            }
            return;
        }
        if (me) {
            irc.channels.remove(IrcConnection.key(room));
        }
        String reason = l.reason();
        for (String by : List.of("removed by ", "room closed by ")) {
            if (reason.startsWith(by)) {
                String rest = reason.substring(by.length());
                int colon = rest.indexOf(": ");
                String op = colon < 0 ? rest : rest.substring(0, colon);
                if (Username.isValid(op)) { // IRC's KICK comment: the operator's reason, or its name for none
                    String comment = colon < 0 ? (by.startsWith("room") ? "room closed" : op) : rest.substring(colon + 2);
                    out.add(IrcMessage.of(IrcConnection.mask(op), "KICK", room, l.name(), comment));
                    return;
                }
            }
        }
        String said = reason.startsWith("parted: ") ? reason.substring("parted: ".length()) : reason.equals("parted") ? "" : reason;
        out.add(said.isEmpty() ? IrcMessage.of(IrcConnection.mask(l.name()), "PART", room)
                : IrcMessage.of(IrcConnection.mask(l.name()), "PART", room, said));
    }

    private void members(ServerEvent.Members m, List<IrcMessage> out) {
        Set<String> operators = new HashSet<>();
        m.operators().forEach(o -> operators.add(IrcConnection.key(o)));
        Set<String> voiced = new HashSet<>();
        m.voiced().forEach(v -> voiced.add(IrcConnection.key(v)));
        String key = IrcConnection.key(m.room());
        boolean outside = !irc.channels.contains(key); // the asker sees the channel's invisible members only from inside
        Pending who = take(Pending.Kind.WHO, m.room());
        if (who != null) {
            for (String name : m.names()) {
                if (!(outside && irc.directory.invisibleTo(name, irc))) {
                    out.add(whoReply(who, m.room(), name, status(name, operators, voiced)));
                }
            }
            out.add(numeric("315", m.room(), "End of /WHO list"));
            return;
        }
        if (joining.contains(key)) {
            named.add(key);
        }
        Pending asked = take(Pending.Kind.NAMES, m.room());
        boolean ofJoin = asked == null && joining.contains(key);
        List<IrcMessage> to = ofJoin ? heldNames : out; // a join's names: after its topic, if one follows
        String modes = irc.directory.modes(m.room());
        String kind = modes != null && modes.contains("s") ? "@" : "="; // RFC 2812's mark of a secret channel
        StringBuilder names = new StringBuilder();
        boolean masks = irc.has("userhost-in-names");
        for (String name : m.names()) { // all of #general's at each IRC login: nothing made per name but a mask asked for
            if (outside && irc.directory.invisibleTo(name, irc)) {
                continue;
            }
            String marks = status(name, operators, voiced);
            String shown = masks ? IrcConnection.mask(name) : name;
            if (names.length() + marks.length() + shown.length() + 1 > NAMES_BYTES) {
                to.add(numeric("353", kind, m.room(), names.toString()));
                names.setLength(0);
            }
            if (names.length() > 0) {
                names.append(' ');
            }
            names.append(marks).append(shown);
        }
        if (names.length() > 0) {
            to.add(numeric("353", kind, m.room(), names.toString()));
        }
        String end = asked == null ? m.room() : asked.namesEnd();
        if (end != null) {
            to.add(numeric("366", end, "End of /NAMES list"));
        }
    }

    /**
     * RPL_WHOREPLY for {@code name}, or WHOX's RPL_WHOSPCRPL if {@code asked} was one: H(ere) or G(one, away),
     * {@code *} for an IRC operator here, then the member's {@link #status} in the channel; hop count 0.
     */
    private IrcMessage whoReply(Pending asked, String channel, String name, String status) {
        IrcDirectory.Person p = irc.directory.person(name);
        String flags = (p.isAway() ? "G" : "H") + (p.oper() ? "*" : "") + status;
        if (asked.whox() != null) {
            return asked.whox().reply(irc, channel, name, p, flags);
        }
        return numeric("352", channel, p.user(), IrcConnection.HOST, irc.serverName, name, flags, "0 " + p.realName());
    }

    /**
     * A member's marks in a channel's NAMES and WHO: {@code @} for an operator, {@code +} for a voiced member; both
     * only with {@code multi-prefix} (IRCv3), else the higher alone.
     */
    private String status(String name, Set<String> operators, Set<String> voiced) {
        boolean op = operators.contains(IrcConnection.key(name));
        boolean voice = voiced.contains(IrcConnection.key(name)) && (!op || irc.has("multi-prefix"));
        return op ? (voice ? "@+" : "@") : (voice ? "+" : "");
    }

    /**
     * Who is online: the answer to a WHO of a nick or a mask ({@code *} and {@code ?}, any case), a USERHOST,
     * an ISON or a LUSERS, whichever asked first.
     */
    private void users(ServerEvent.Users users, List<IrcMessage> out) {
        Pending asked = take(p -> p.kind() == Pending.Kind.WHO && !p.target().startsWith("#")
                || p.kind() == Pending.Kind.USERHOST || p.kind() == Pending.Kind.ISON || p.kind() == Pending.Kind.LUSERS);
        if (asked == null) {
            out.add(notice(irc.target(), EventCodec.encode(users)));
            return;
        }
        if (asked.kind() == Pending.Kind.LUSERS) {
            lusers(users.names(), out);
            return;
        }
        if (asked.kind() != Pending.Kind.WHO) {
            Map<String, String> online = new HashMap<>();
            users.names().forEach(name -> online.put(IrcConnection.key(name), name));
            List<String> found = new ArrayList<>();
            for (String nick : asked.target().split(" ")) {
                String name = online.get(IrcConnection.key(nick));
                if (name != null) {
                    found.add(asked.kind() == Pending.Kind.ISON ? name
                            : name + "=" + (irc.directory.person(name).isAway() ? "-" : "+") + name + "@" + IrcConnection.HOST);
                }
            }
            out.add(numeric(asked.kind() == Pending.Kind.ISON ? "303" : "302", String.join(" ", found)));
            return;
        }
        String mask = asked.target();
        String lower = mask.equals("0") ? "*" : IrcConnection.key(mask); // WHO 0: everyone, as *
        boolean wildcard = lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0; // a nick itself finds the invisible too
        for (String name : users.names()) {
            if (globMatches(lower, IrcConnection.key(name)) && !(wildcard && irc.directory.hiddenFrom(name, irc))) {
                out.add(whoReply(asked, "*", name, ""));
            }
        }
        out.add(numeric("315", mask, "End of /WHO list"));
    }

    /** LUSERS: the chat is one server to IRC clients, all its members its users, the invisible IRC clients here apart. */
    private void lusers(List<String> names, List<IrcMessage> out) {
        long invisible = names.stream().filter(irc.directory::isInvisible).count();
        int total = names.size();
        out.add(numeric("251", "There are " + (total - invisible) + " users and " + invisible + " invisible on 1 servers"));
        out.add(numeric("255", "I have " + total + " clients and 1 servers"));
        out.add(numeric("265", "Current local users: " + total));
        out.add(numeric("266", "Current global users: " + total));
    }

    /**
     * Whether {@code name} matches {@code mask}, whose {@code *} stands for any characters and {@code ?} for one:
     * in time proportional to their lengths' product at most (a regular expression of many stars is not), as the
     * mask is anyone's.
     */
    static boolean globMatches(String mask, String name) {
        int m = 0;
        int n = 0;
        int star = -1; // the mask's last star, and where in the name it began to match
        int starAt = 0;
        while (n < name.length()) {
            if (m < mask.length() && (mask.charAt(m) == '?' || mask.charAt(m) == name.charAt(n))) {
                m++;
                n++;
            } else if (m < mask.length() && mask.charAt(m) == '*') {
                star = m++;
                starAt = n;
            } else if (star >= 0) { // the last star takes one character more
                m = star + 1;
                n = ++starAt;
            } else {
                return false;
            }
        }
        while (m < mask.length() && mask.charAt(m) == '*') {
            m++;
        }
        return m == mask.length();
    }

    private void info(String text, List<IrcMessage> out) {
        if (text.equals(ClientCommand.Oper.DONE) && take(p -> p.kind() == Pending.Kind.OPER) != null) {
            out.add(numeric("381", "You are now an IRC operator"));
            if (!irc.oper) { // a change of user modes, which clients show
                irc.oper = true;
                out.add(IrcMessage.of(IrcConnection.mask(irc.nick), "MODE", irc.nick, "+o"));
            }
            return;
        }
        String first = text.split("[: ]", 2)[0];
        String room = roomIn(text);
        if (room != null && text.equals(ClientCommand.Invite.done(first, room)) && take(Pending.Kind.INVITE, first) != null) {
            out.add(numeric("341", first, room)); // RPL_INVITING
            return;
        }
        if (room != null && text.equals(ClientCommand.Invite.inAlready(first, room)) && take(Pending.Kind.INVITE, first) != null) {
            out.add(numeric("443", first, room, "is on that channel already")); // ERR_USERONCHANNEL
            return;
        }
        if (take(Pending.Kind.WHOIS, first) != null) {
            IrcDirectory.Person p = irc.directory.person(first);
            out.add(numeric("311", first, p.user(), IrcConnection.HOST, "*", p.realName()));
            out.add(numeric("312", first, irc.serverName, "chat"));
            if (p.isAway()) {
                out.add(numeric("301", first, p.away()));
            }
            if (p.oper()) {
                out.add(numeric("313", first, "is an IRC operator"));
            }
            if (p.account() != null) {
                out.add(numeric("330", first, p.account(), "is logged in as"));
            }
            out.add(numeric("320", first, text)); // the chat's own words: since when, registered, operator, address
            out.add(numeric("318", first, "End of /WHOIS list"));
            return;
        }
        if (room != null && take(Pending.Kind.TOPIC, room) != null) {
            out.add(numeric("331", room, "No topic is set"));
            return;
        }
        out.add(notice(irc.target(), text));
    }

    private void error(ServerEvent.Error e, List<IrcMessage> out) {
        String text = e.text();
        String room = roomIn(text);
        String first = text.split(" ", 2)[0];
        if (irc.saslLogin && !irc.registered) { // the chat refused the name or password SASL gave
            irc.saslLogin = false;
            out.add(numeric("904", "SASL authentication failed: " + text));
            return;
        }
        switch (e.code()) {
            case NAME_TAKEN:
            case NAME_LOOKALIKE:
            case NAME_HELD:
                out.add(numeric("433", irc.nick, text));
                return;
            case NAME_INVALID:
                out.add(numeric("432", irc.nick, text));
                return;
            case PASSWORD_WRONG:
            case OPER_PASSWORD_WRONG:
                out.add(numeric("464", text));
                return;
            case NO_OPERATOR_NAME:
                out.add(numeric("491", text));
                return;
            case BANNED:
                out.add(numeric("465", text));
                return;
            case NO_SUCH_USER:
                if (take(Pending.Kind.NOTICE, first) != null) {
                    return; // a NOTICE gets no answer, not even a refusal
                }
                if (take(Pending.Kind.WHOIS, first) != null) {
                    out.add(numeric("401", first, text));
                    out.add(numeric("318", first, "End of /WHOIS list"));
                } else {
                    out.add(numeric("401", first, text));
                }
                return;
            case UNKNOWN_COMMAND:
                out.add(numeric("421", first, text));
                return;
            default:
                break;
        }
        if (room == null) {
            out.add(notice(irc.target(), text));
            return;
        }
        if ((e.code() == chat.common.protocol.ErrorCode.NOT_IN_ROOM || e.code() == chat.common.protocol.ErrorCode.MODERATED)
                && take(Pending.Kind.NOTICE, room) != null) {
            return;
        }
        String code = switch (e.code()) {
            case NO_SUCH_ROOM, ROOM_INVALID -> "403";
            // not in it: for a line to it, IRC's "cannot send"; for anything else (PART, KICK, TOPIC) "not on channel"
            case NOT_IN_ROOM -> take(Pending.Kind.PRIVMSG, room) != null ? "404" : "442";
            case NOT_MEMBER -> "442";
            case NOT_ROOM_OPERATOR -> "482";
            case MODERATED -> { // a line refused: IRC's "cannot send"
                take(Pending.Kind.PRIVMSG, room);
                yield "404";
            }
            case INVITE_ONLY -> "473";
            case ROOM_FULL -> "471";
            case TOO_MANY_ROOMS -> "405";
            default -> null;
        };
        if (code == null) {
            out.add(notice(irc.target(), text));
            return;
        }
        Pending names = take(Pending.Kind.NAMES, room);
        if (names != null) { // NAMES of a channel one may not see: just its end
            if (names.namesEnd() != null) {
                out.add(numeric("366", names.namesEnd(), "End of /NAMES list"));
            }
            return;
        }
        out.add(numeric(code, room, text));
        if (take(Pending.Kind.WHO, room) != null) {
            out.add(numeric("315", room, "End of /WHO list"));
        } else {
            take(Pending.Kind.TOPIC, room);
        }
    }

    /** Whether the LIST being answered (the first awaited) asked for {@code room}: it named no channel, or this one. */
    private boolean listed(String room) {
        for (Pending p : irc.pending) {
            if (p.kind() == Pending.Kind.LIST) {
                return p.target().isEmpty() || Arrays.stream(p.target().split(",")).anyMatch(room::equalsIgnoreCase);
            }
        }
        return true;
    }

    /**
     * The reply the reader asked for, if it is still awaited; those asked before it are dropped, as the chat
     * answers in order and so will never answer them (a line it refused as a flood, say).
     */
    private Pending take(Pending.Kind kind, String target) {
        return take(p -> p.is(kind, target));
    }

    private Pending take(Predicate<Pending> wanted) {
        for (Iterator<Pending> it = irc.pending.iterator(); it.hasNext(); ) {
            if (wanted.test(it.next())) {
                while (true) {
                    Pending head = irc.pending.poll();
                    if (head == null || wanted.test(head)) {
                        return head;
                    }
                }
            }
        }
        return null;
    }

    private static String roomIn(String text) {
        Matcher m = ROOM.matcher(text);
        return m.find() ? m.group() : null;
    }

    private IrcMessage timed(IrcMessage m, Instant at) {
        return irc.has("server-time") ? m.withTags("time=" + time(at == null ? Instant.now() : at)) : m;
    }

    /** {@code at} as server-time's tag has it. */
    static String time(Instant at) {
        return SERVER_TIME.format(at);
    }

    private IrcMessage numeric(String code, String... params) {
        return irc.numeric(code, params);
    }

    private IrcMessage notice(String target, String text) {
        return IrcMessage.of(irc.serverName, "NOTICE", target, text);
    }
}
