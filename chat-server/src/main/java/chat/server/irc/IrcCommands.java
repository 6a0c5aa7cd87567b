package chat.server.irc;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.RoomName;
import chat.common.protocol.ServerEvent;
import chat.common.text.TextSanitizer;
import chat.server.irc.IrcConnection.Pending;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The reader's half of an IRC connection: each IRC line a client sends becomes the chat's own lines (docs/IRC.md
 * gives the mapping), and what IRC answers on the spot (PONG, errors of form) is queued for the client at once.
 * Before login, and for CAP, it hands the lines to the connection's {@link IrcRegistration}. One reader thread owns
 * it.
 */
final class IrcCommands {
    /** Targets of one PRIVMSG or JOIN: more are refused (ERR_TOOMANYTARGETS), so one line cannot fan out far. */
    static final int MAX_TARGETS = 4;
    /** Changes made of one {@code MODE} line at most (005's {@code MODES}). */
    static final int MAX_MODES = 4;
    /** Nicks one ISON asks about, at most (the rest are not answered). */
    private static final int MAX_ISON = 50;
    /** AWAY's text is kept up to this length. */
    private static final int MAX_AWAY_LENGTH = 200;
    private static final String ACTION = "\u0001ACTION ";
    /**
     * IRC's formatting codes (bold, colours, italics, reset...): taken out with their colour numbers, as the chat
     * shows plain text (its sanitising would drop the control characters but leave a colour's digits in the text).
     */
    private static final Pattern FORMATTING = Pattern.compile(
            "\u0003(?:\\d{1,2}(?:,\\d{1,2})?)?|\u0004(?:\\p{XDigit}{6}(?:,\\p{XDigit}{6})?)?|[\u0002\u000F\u0011\u0016\u001D\u001E\u001F]");

    private final IrcConnection irc;
    private final Consumer<IrcMessage> reply;
    private final IrcRegistration registration;
    private boolean loggedIn;

    /**
     * @param reply queues a line for the client, in order with the chat's; must not block
     * @param release queues word for the writer that negotiation has ended, so the welcome it held goes out
     */
    IrcCommands(IrcConnection irc, Consumer<IrcMessage> reply, Runnable release) {
        this.irc = irc;
        this.reply = reply;
        this.registration = new IrcRegistration(irc, reply, release);
    }

    /** The chat's lines for one IRC line (none for what is answered here). */
    List<String> translate(IrcMessage m) {
        switch (m.command()) {
            case "PING":
                if (m.params().isEmpty()) {
                    numeric("461", "PING", "Not enough parameters");
                } else {
                    reply.accept(IrcMessage.of(irc.serverName, "PONG", irc.serverName, m.param(0)));
                }
                return List.of();
            case "PONG":
                return List.of();
            case "CAP":
                return registration.capability(m);
            case "QUIT":
                return List.of(CommandEncoder.encode(new ClientCommand.Quit(plain(m.param(0)))));
            default:
                return loggedIn ? command(m) : registration.registering(m);
        }
    }

    /** The chat asked something while logging in ({@link IrcRegistration#loginEvent}). */
    List<String> loginEvent(ServerEvent event) {
        return registration.loginEvent(event);
    }

    /** The chat welcomed the connection: from now on lines are commands; ask for the default room's names. */
    List<String> loggedIn() {
        loggedIn = true;
        registration.loggedIn();
        remember(new Pending(Pending.Kind.NAMES, RoomName.DEFAULT.value()));
        return List.of(CommandEncoder.encode(new ClientCommand.Names(RoomName.DEFAULT.value())));
    }

    /** A command of a registered client. */
    private List<String> command(IrcMessage m) {
        if (registration.completesLogin(m)) {
            return List.of();
        }
        switch (m.command()) {
            case "PRIVMSG":
            case "NOTICE":
                return message(m);
            case "AUTHENTICATE": // SASL once registered: not here (IRCv3 sasl-3.2's reauthentication is not offered)
                if (irc.account() != null) {
                    numeric("907", "You have already authenticated: reauthentication is not offered");
                } else {
                    numeric("462", "You may not reregister: SASL comes before the welcome");
                }
                return List.of();
            case "TAGMSG": // IRCv3 message-tags: no client-only tag is relayed (CLIENTTAGDENY=*), so it carries nothing
                if (!irc.has("message-tags")) {
                    numeric("421", m.command(), "Unknown command");
                } else if (m.params().isEmpty()) {
                    numeric("461", m.command(), "Not enough parameters");
                }
                return List.of();
            case "JOIN":
                return join(m);
            case "PART":
                return each(m, room -> CommandEncoder.encode(new ClientCommand.Part(room, plain(m.param(1)))));
            case "NAMES":
                return names(m);
            case "WHO":
                if (m.param(0).isEmpty()) {
                    numeric("315", "*", "End of /WHO list");
                    return List.of();
                }
                Whox whox = Whox.parse(m.param(1)); // null: a plain WHO
                if (!m.param(0).startsWith("#")) { // a nick or a mask of nicks: matched against who is online
                    return List.of(ask(new Pending(Pending.Kind.WHO, m.param(0), whox), new ClientCommand.ListUsers()));
                }
                return each(m, room -> ask(new Pending(Pending.Kind.WHO, room, whox), new ClientCommand.Names(room)));
            case "USERHOST": // up to 5 nicks, as IRC has it: who of them is online, and whether away
            case "ISON": {
                List<String> nicks = m.params().stream().flatMap(p -> Arrays.stream(p.split(" "))).filter(n -> !n.isEmpty())
                        .limit(m.command().equals("ISON") ? MAX_ISON : 5).toList();
                if (nicks.isEmpty()) {
                    numeric("461", m.command(), "Not enough parameters");
                    return List.of();
                }
                return List.of(ask(Pending.Kind.valueOf(m.command()), String.join(" ", nicks), new ClientCommand.ListUsers()));
            }
            case "WHOIS": {
                String name = m.params().size() > 1 ? m.param(1) : m.param(0);
                if (name.isEmpty()) {
                    numeric("431", "No nickname given");
                    return List.of();
                }
                return List.of(ask(Pending.Kind.WHOIS, name, new ClientCommand.Whois(name)));
            }
            case "TOPIC":
                if (m.params().size() < 2) {
                    return each(m, room -> ask(Pending.Kind.TOPIC, room, new ClientCommand.Topic(room, "")));
                }
                String topic = plain(m.param(1)); // "TOPIC #room :" takes the topic away, as /topic -delete
                return each(m, room -> CommandEncoder.encode(new ClientCommand.Topic(room, topic.isBlank() ? ClientCommand.Topic.DELETE : topic)));
            case "LIST": // of the channels named, if it names any (no ELIST: other conditions list all)
                numeric("321", "Channel", "Users  Name");
                return List.of(ask(Pending.Kind.LIST, m.param(0).startsWith("#") ? m.param(0) : "", new ClientCommand.ListRooms()));
            case "KICK":
                return kick(m);
            case "INVITE":
                if (m.params().size() < 2) {
                    numeric("461", "INVITE", "Not enough parameters");
                    return List.of();
                }
                return List.of(ask(Pending.Kind.INVITE, m.param(0), new ClientCommand.Invite(m.param(0), m.param(1))));
            case "MODE":
                return mode(m);
            case "AWAY": { // IRC's own: WHO, WHOIS and a line to this nick show it (docs/IRC.md); the chat has no away
                String text = kept(m.param(0), MAX_AWAY_LENGTH);
                String away = text.isEmpty() ? null : text;
                if (!Objects.equals(away, irc.away)) {
                    irc.away = away;
                    irc.directory.awayChanged(irc);
                }
                numeric(text.isEmpty() ? "305" : "306",
                        text.isEmpty() ? "You are no longer marked as being away" : "You have been marked as being away");
                return List.of();
            }
            case "OPER": // the chat's /oper: an operator's name and password give this session its powers
                if (m.params().size() < 2 || m.param(0).isEmpty() || m.param(1).isEmpty()) {
                    numeric("461", "OPER", "Not enough parameters");
                    return List.of();
                }
                return List.of(ask(Pending.Kind.OPER, m.param(0), new ClientCommand.Oper(m.param(0), m.param(1))));
            case "MOTD":
                numeric("422", "MOTD File is missing");
                return List.of();
            case "LUSERS": // the chat is one server to IRC clients: its members, counted from /list
                return List.of(ask(Pending.Kind.LUSERS, "*", new ClientCommand.ListUsers()));
            case "INFO": // whatever server is named: this one answers
                numeric("371", "chat: one chat for its own clients, nc and telnet users, and IRC clients");
                numeric("374", "End of /INFO list");
                return List.of();
            case "TIME": // this server's, whatever server is named: the chat's nodes keep one time
                numeric("391", irc.serverName, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
                return List.of();
            case "NICK":
                numeric("447", "Cannot change nickname: reconnect under the new one");
                return List.of();
            case "USER":
            case "PASS":
                numeric("462", "You may not reregister");
                return List.of();
            default:
                numeric("421", m.command(), "Unknown command");
                return List.of();
        }
    }

    private List<String> message(IrcMessage m) {
        if (m.params().isEmpty()) {
            numeric("411", "No recipient given (" + m.command() + ")");
            return List.of();
        }
        String text = m.param(1);
        boolean action = text.startsWith(ACTION);
        if (action) {
            text = text.substring(ACTION.length(), text.endsWith("\u0001") ? text.length() - 1 : text.length());
        } else if (text.startsWith("\u0001")) {
            return List.of(); // other CTCP (VERSION, PING, DCC...): nothing here answers it, and it is not relayed
        }
        text = plain(text);
        if (text.isBlank()) {
            numeric("412", "No text to send");
            return List.of();
        }
        List<String> targets = targets(m.param(0));
        if (targets == null) {
            return List.of();
        }
        boolean notice = m.command().equals("NOTICE");
        List<String> lines = new ArrayList<>(targets.size());
        for (String target : targets) {
            // nothing answers a NOTICE (RFC 2812, 3.3.2): the writer drops a refusal; a PRIVMSG's is "cannot send" (404)
            remember(notice ? Pending.Kind.NOTICE : Pending.Kind.PRIVMSG, target);
            if (notice && !action) { // the chat's own notice, so that no program of the chat answers it either
                if (!target.startsWith("#") || channel(target)) {
                    lines.add(CommandEncoder.encode(new ClientCommand.Notice(target, text)));
                }
            } else if (target.startsWith("#")) {
                if (!channel(target)) {
                    continue;
                }
                ClientCommand line = action ? new ClientCommand.Me(text) : new ClientCommand.Say(text);
                lines.add(CommandEncoder.encode(new ClientCommand.To(target, line)));
            } else {
                IrcDirectory.Person to = irc.directory.person(target);
                if (to.isAway() && m.command().equals("PRIVMSG")) {
                    numeric("301", target, to.away());
                }
                lines.add(CommandEncoder.encode(new ClientCommand.PrivateMsg(target, action ? "* " + irc.nick + " " + text : text)));
            }
        }
        return lines;
    }

    private List<String> join(IrcMessage m) {
        if (m.param(0).equals("0")) { // leave every channel (the default room refuses, as it does to everyone)
            return irc.channels.stream().sorted().map(room -> CommandEncoder.encode(new ClientCommand.Part(room, ""))).toList();
        }
        return each(m, room -> irc.channels.contains(IrcConnection.key(room)) ? null
                : CommandEncoder.encode(new ClientCommand.Join(room)));
    }

    private List<String> mode(IrcMessage m) {
        String target = m.param(0);
        String change = m.param(1);
        if (!target.startsWith("#")) {
            if (target.isEmpty()) {
                numeric("461", "MODE", "Not enough parameters");
            } else if (!irc.isMe(target)) {
                numeric("502", "Cannot change mode for other users");
            } else {
                userMode(change);
            }
            return List.of();
        }
        if (!channel(target)) {
            return List.of();
        }
        switch (change) {
            case "": {
                String modes = irc.directory.modes(target);
                numeric("324", target, "+" + (modes == null ? "" : modes));
                return List.of();
            }
            case "b":
            case "+b":
                numeric("368", target, "End of channel ban list");
                return List.of();
            default:
                return modeChanges(m, target, change);
        }
    }

    /**
     * {@code MODE} of the client's own nick: {@code i} (invisible, see {@link IrcConnection#invisible}) is the one
     * user mode a client sets here, and a change is told back as IRC servers do; {@code o} is {@code OPER}'s, so
     * asked for here it changes nothing, and any other letter gets {@code 501}.
     */
    private void userMode(String change) {
        if (change.isEmpty()) {
            numeric("221", "+" + (irc.invisible ? "i" : "") + (irc.oper ? "o" : ""));
            return;
        }
        boolean on = true;
        Boolean invisible = null; // what the last i asked for
        boolean unknown = false;
        for (char letter : change.toCharArray()) {
            if (letter == '+' || letter == '-') {
                on = letter == '+';
            } else if (letter == 'i') {
                invisible = on;
            } else if (letter != 'o') {
                unknown = true;
            }
        }
        if (unknown) {
            numeric("501", "Unknown MODE flag");
        }
        if (invisible != null && invisible != irc.invisible) {
            irc.invisible = invisible;
            reply.accept(IrcMessage.of(IrcConnection.mask(irc.nick), "MODE", irc.nick, invisible ? "+i" : "-i"));
        }
    }

    /**
     * The changes of a {@code MODE} line ({@code +mt}, {@code -v+o bob carol}), each a command of the chat, in order:
     * at most {@link #MAX_MODES}, an {@code o} or {@code v} taking the next parameter; a letter this server does not
     * know gets {@code 472} and the others are made all the same.
     */
    private List<String> modeChanges(IrcMessage m, String target, String change) {
        List<String> lines = new ArrayList<>();
        boolean on = true;
        int next = 2; // the parameter an o or v takes
        for (char letter : change.toCharArray()) {
            if (letter == '+' || letter == '-') {
                on = letter == '+';
                continue;
            }
            if (lines.size() == MAX_MODES) {
                break; // as 005's MODES says
            }
            ClientCommand command = switch (letter) {
                case 'i' -> new ClientCommand.InviteOnly(target, on);
                case 't' -> new ClientCommand.TopicLock(target, on);
                case 'm' -> new ClientCommand.Moderated(target, on);
                case 's' -> new ClientCommand.Secret(target, on);
                case 'o', 'v' -> {
                    String nick = m.param(next++);
                    if (nick.isEmpty()) {
                        numeric("461", "MODE", "Not enough parameters");
                        yield null;
                    }
                    yield letter == 'o' ? new ClientCommand.RoomOperator(target, nick, on) : new ClientCommand.Voice(target, nick, on);
                }
                default -> {
                    numeric("472", String.valueOf(letter), "is not a mode this server knows for channels (i, m, o, s, t and v are)");
                    yield null;
                }
            };
            if (command != null) {
                lines.add(CommandEncoder.encode(command));
            }
        }
        return lines;
    }

    /**
     * {@code NAMES} of one channel or several: each channel's names, then one 366 naming the list as asked (RFC 2812);
     * a name that cannot be a channel has no names and gets no error; with none, a 366 of {@code *}.
     */
    private List<String> names(IrcMessage m) {
        List<String> targets = m.param(0).isEmpty() ? List.of() : targets(m.param(0));
        if (targets == null) {
            return List.of();
        }
        String end = targets.isEmpty() ? "*" : String.join(",", targets);
        List<String> rooms = targets.stream().filter(t -> t.startsWith("#") && RoomName.isValid(t)).toList();
        if (rooms.isEmpty()) {
            numeric("366", end, "End of /NAMES list");
            return List.of();
        }
        List<String> lines = new ArrayList<>(rooms.size());
        for (int i = 0; i < rooms.size(); i++) {
            String room = rooms.get(i);
            Pending asked = new Pending(Pending.Kind.NAMES, room, null, i == rooms.size() - 1 ? end : null);
            lines.add(ask(asked, new ClientCommand.Names(room)));
        }
        return lines;
    }

    /** One chat line per channel of the first parameter; a channel {@code line} gives null for is skipped. */
    private List<String> each(IrcMessage m, java.util.function.Function<String, String> line) {
        if (m.params().isEmpty()) {
            numeric("461", m.command(), "Not enough parameters");
            return List.of();
        }
        List<String> targets = targets(m.param(0));
        if (targets == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(targets.size());
        for (String room : targets) {
            if (channel(room)) {
                String one = line.apply(room);
                if (one != null) {
                    lines.add(one);
                }
            }
        }
        return lines;
    }

    /**
     * {@code KICK #room nick[,nick...] [:reason]}, or as many rooms as nicks, paired in order (RFC 2812): a
     * {@code /remove} each, so each is told as a {@code KICK} of its own.
     */
    private List<String> kick(IrcMessage m) {
        List<String> rooms = m.params().size() < 2 ? List.of() : targets(m.param(0));
        List<String> nicks = m.params().size() < 2 ? List.of() : targets(m.param(1));
        if (rooms == null || nicks == null) {
            return List.of(); // too many: said
        }
        if (rooms.isEmpty() || nicks.isEmpty() || rooms.size() != 1 && rooms.size() != nicks.size()) {
            numeric("461", "KICK", "Not enough parameters");
            return List.of();
        }
        if (rooms.size() == 1 && !channel(rooms.get(0))) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(nicks.size());
        for (int i = 0; i < nicks.size(); i++) {
            String room = rooms.get(rooms.size() == 1 ? 0 : i);
            if (rooms.size() == 1 || channel(room)) {
                lines.add(CommandEncoder.encode(new ClientCommand.Remove(room, nicks.get(i), plain(m.param(2)))));
            }
        }
        return lines;
    }

    private List<String> targets(String list) {
        List<String> targets = Arrays.stream(list.split(",")).filter(t -> !t.isEmpty()).toList();
        if (targets.size() > MAX_TARGETS) {
            numeric("407", list, "Too many targets: at most " + MAX_TARGETS);
            return null;
        }
        return targets;
    }

    /** Whether {@code name} can be a room; if not, says so. */
    private boolean channel(String name) {
        if (name.startsWith("#") && RoomName.isValid(name)) {
            return true;
        }
        numeric("403", name, "No such channel: a channel is " + RoomName.RULE);
        return false;
    }

    /** {@code text} as IRC's CTCP ACTION (the chat's {@code /me}). */
    static String action(String text) {
        return ACTION + text + "\u0001";
    }

    /** {@code text} without IRC's formatting codes. */
    static String plain(String text) {
        return FORMATTING.matcher(text).replaceAll("");
    }

    /**
     * Text the server keeps of an IRC client to show others (a real name, an away message), which no line of the
     * chat's carries through its sanitising: without formatting, control or invisible characters, trimmed, and cut
     * to at most {@code max} characters, never inside a surrogate pair.
     */
    static String kept(String text, int max) {
        String clean = TextSanitizer.clean(plain(text)).strip();
        int end = Math.min(clean.length(), max);
        return clean.substring(0, end > 0 && Character.isHighSurrogate(clean.charAt(end - 1)) ? end - 1 : end);
    }

    private String ask(Pending.Kind kind, String target, ClientCommand command) {
        return ask(new Pending(kind, target), command);
    }

    private String ask(Pending asked, ClientCommand command) {
        remember(asked);
        return CommandEncoder.encode(command);
    }

    /** The writer is to take the chat's answer about {@code target} as one to this kind of line. */
    private void remember(Pending.Kind kind, String target) {
        remember(new Pending(kind, target));
    }

    private void remember(Pending asked) {
        while (!irc.pending.offer(asked)) {
            irc.pending.poll(); // never answered (a line refused as a flood, or one that went well): it must not pile up
        }
    }

    private void numeric(String code, String... params) {
        reply.accept(irc.numeric(code, params));
    }
}
