package chat.server.cluster;

import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandEncoder;
import chat.common.protocol.CommandParser;
import chat.common.protocol.EventCodec;
import chat.common.protocol.Protocol;
import chat.common.protocol.ProtocolException;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.common.text.TextSanitizer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the chat's shared Redis stream, the order every node delivers in (docs/DESIGN.md, "Several
 * nodes"). Lines travel as the protocol's encoded text, made by {@code EventCodec} on the node that accepted
 * them: a reading node hands them to its members without decoding them.
 */
public sealed interface StreamRecord {
    /**
     * A public line ({@code MSG} or {@code ACTION}, or one of a room: {@code IN #room MSG ...}), said at
     * {@code epochMillis} (the stream entry's time) by {@code speaker} (the name as the line has it; read from the
     * line as the entry is checked, empty in a line a node is about to publish).
     */
    record Said(long epochMillis, String line, String speaker) implements StreamRecord {
        /** A line to publish: its time and speaker are the stream's to give. */
        public Said(long epochMillis, String line) {
            this(epochMillis, line, "");
        }
    }

    /**
     * A room command ({@code /join #dev}, {@code /topic #dev text}...: its rooms named) of the member
     * {@code name}, a server operator if {@code operator} when it asked, connected to node {@code node}, which
     * numbered it {@code request}: every node carries it out on its copy of the rooms, and the asking node
     * answers the member.
     */
    record RoomAsked(String node, long request, String name, boolean operator, String command) implements StreamRecord {
        /** The command as a member's line. */
        ClientCommand parsed() {
            return CommandParser.parse(command);
        }
    }

    /**
     * A member of node {@code node} joined under name key {@code key}; {@code announce}: everyone is told
     * ({@code forOperators} to operators, {@code line} to the rest), else only the member itself.
     */
    record Joined(String node, String key, String line, String forOperators, boolean announce) implements StreamRecord {}

    /** The member with name key {@code key} left; {@code announce}: everyone is told {@code line}. */
    record Left(String key, String line, boolean announce) implements StreamRecord {}

    /** A private line, to the member with name key {@code to} and its copy to the sender, key {@code from}. */
    record Whisper(String from, String to, String line) implements StreamRecord {}

    /** A notice to everyone ({@code INFO}), not kept as history. */
    record Notice(String line) implements StreamRecord {}

    /**
     * A moderator on another node removed the member with name key {@code key}: the node it is connected to
     * ends its session with {@code reason}, and that session's leave announces it as a local kick's does.
     */
    record Removed(String key, String reason) implements StreamRecord {}

    /**
     * The member with name key {@code asker} asked {@code /whois} of the member with name key {@code key}: the
     * node that one is connected to answers with a {@link Whisper} to the asker alone ({@code from} and
     * {@code to} both the asker), showing the address if {@code withAddress}.
     */
    record Asked(String asker, String key, boolean withAddress) implements StreamRecord {}

    /** The registered name with key {@code key} changed: its account is {@code line} now, or null if released. */
    record AccountChanged(String key, String line) implements StreamRecord {}

    /** A ban ({@code line}, an entry as {@code Bans} keeps it) was {@code added}, or lifted. */
    record BanChanged(String line, boolean added) implements StreamRecord {}

    /**
     * A password for the key {@code key} (a name's or an address's, as the guess throttle counts them) was
     * given on node {@code node}, {@code right} or wrong: every other node counts it too.
     */
    record Guessed(String node, String key, boolean right) implements StreamRecord {}

    /** The member with name key {@code key} was kicked: every node holds the name out for a while. */
    record Held(String key) implements StreamRecord {}

    /** Every line the member with name key {@code key} said is to leave the history (a ban, {@code /purge}). */
    record Purged(String key) implements StreamRecord {}

    /**
     * Reads an entry's fields, checked as if a client had sent them: anything that can write to the stream
     * could have written it. Every line is one the protocol's codec decodes to the kind the entry says, written
     * exactly as the codec writes it and ended by one line feed, its text sanitised (no control, bidi or invisible character, no line
     * break); every name key a valid name's key; every other field present, one bounded word or text.
     *
     * @return null for an entry of a kind this version does not know (a newer node's)
     * @throws IllegalArgumentException saying what is wrong with an entry that is not what a node writes
     */
    static StreamRecord of(long epochMillis, Map<String, String> fields) {
        String kind = fields.getOrDefault("k", "");
        switch (kind) {
            case "s":
                return said(epochMillis, fields);
            case "m":
                return roomAsked(fields);
            case "j": {
                String line = line(fields, "l", ServerEvent.Join.class);
                String forOperators = fields.containsKey("o") ? line(fields, "o", ServerEvent.Join.class) : line;
                return new Joined(word(fields, "node"), key(fields, "n"), line, forOperators, flag(fields));
            }
            case "l":
                return new Left(key(fields, "n"), line(fields, "l", ServerEvent.Leave.class), flag(fields));
            case "p":
                return new Whisper(key(fields, "f"), key(fields, "t"), line(fields, "l", ServerEvent.Private.class,
                        ServerEvent.PrivateNotice.class, ServerEvent.Info.class));
            case "i":
                return new Notice(line(fields, "l", ServerEvent.Info.class));
            case "r":
                return new Removed(key(fields, "n"), text(fields, "l"));
            case "a": {
                String line = text(fields, "l");
                return new AccountChanged(key(fields, "n"), line.isEmpty() ? null : line);
            }
            case "b":
                return new BanChanged(text(fields, "l"), flag(fields));
            case "w":
                return new Asked(key(fields, "f"), key(fields, "n"), flag(fields));
            case "h":
                return new Held(key(fields, "l"));
            case "u":
                return new Purged(key(fields, "l"));
            case "g":
                return new Guessed(word(fields, "f"), text(fields, "n"), flag(fields));
            default:
                return null;
        }
    }

    /**
     * The four arguments publish.lua makes {@code record}'s entry of: its kind's letter, then up to three
     * fields in the order the script writes them (the other way of {@link #of}).
     *
     * @throws IllegalArgumentException for a join, which a node claims (claim.lua), never publishes
     */
    static List<String> publishArgs(StreamRecord record) {
        if (record instanceof Said s) {
            return List.of("s", s.line(), "", "");
        } else if (record instanceof RoomAsked r) {
            return List.of("m", r.node() + "/" + r.request() + "/" + (r.operator() ? "1" : "0"), r.name(), r.command());
        } else if (record instanceof Left l) {
            return List.of("l", l.key(), l.line(), l.announce() ? "1" : "0");
        } else if (record instanceof Whisper w) {
            return List.of("p", w.from(), w.to(), w.line());
        } else if (record instanceof Notice n) {
            return List.of("i", n.line(), "", "");
        } else if (record instanceof Removed r) {
            return List.of("r", r.key(), r.reason(), "");
        } else if (record instanceof Asked w) {
            return List.of("w", w.asker(), w.key(), w.withAddress() ? "1" : "0");
        } else if (record instanceof Guessed g) {
            return List.of("g", g.node(), g.key(), g.right() ? "1" : "0");
        } else if (record instanceof Purged p) {
            return List.of("u", p.key(), "", "");
        } else if (record instanceof Held h) {
            return List.of("h", h.key(), "", "");
        }
        throw new IllegalArgumentException("a join is claimed, account and ban changes are scripts of their own: " + record);
    }

    /** The most characters a field of an entry may have: a line of the longest text with its name and kind. */
    int MAX_FIELD_CHARS = 3 * Protocol.MAX_LINE_BYTES;

    private static String text(Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        if (value.length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException("field " + field + " is " + value.length() + " characters long");
        }
        if (!TextSanitizer.clean(value).equals(value)) {
            throw new IllegalArgumentException("field " + field + " holds characters no client may send");
        }
        return value;
    }

    private static String word(Map<String, String> fields, String field) {
        String value = text(fields, field);
        if (value.isEmpty() || value.indexOf(' ') >= 0 || value.length() > 100) {
            throw new IllegalArgumentException("field " + field + " is not one short word");
        }
        return value;
    }

    private static String key(Map<String, String> fields, String field) {
        String value = word(fields, field);
        if (!Username.isValid(value) || !Username.key(value).equals(value)) {
            throw new IllegalArgumentException("field " + field + " is not a name's key");
        }
        return value;
    }

    private static boolean flag(Map<String, String> fields) {
        String value = fields.getOrDefault("a", "0");
        if (!value.equals("0") && !value.equals("1")) {
            throw new IllegalArgumentException("field a is not 0 or 1");
        }
        return value.equals("1");
    }

    /** A public line of the default room or of another one ({@code IN #dev MSG ...}). */
    private static Said said(long epochMillis, Map<String, String> fields) {
        ServerEvent line = event(fields, "l", ServerEvent.Msg.class, ServerEvent.Action.class, ServerEvent.Notice.class,
                ServerEvent.InRoom.class);
        ServerEvent said = line instanceof ServerEvent.InRoom in ? in.event() : line;
        if (said instanceof ServerEvent.PublicLine spoken) {
            return new Said(epochMillis, fields.get("l"), spoken.from());
        }
        throw new IllegalArgumentException("field l is a room's " + said.getClass().getSimpleName() + " line");
    }

    /** A room command a node put in the stream: one that changes the rooms, its rooms named. */
    private static RoomAsked roomAsked(Map<String, String> fields) {
        Matcher by = Pattern.compile("([0-9a-zA-Z-]{1,40})/([0-9]{1,18})/([01])").matcher(word(fields, "f"));
        if (!by.matches()) {
            throw new IllegalArgumentException("field f is not node/request/operator");
        }
        String name = word(fields, "n");
        if (!Username.isValid(name)) {
            throw new IllegalArgumentException("field n is not a name");
        }
        String command = text(fields, "l");
        ClientCommand parsed = CommandParser.parse(command);
        boolean named = parsed instanceof ClientCommand.Join c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Part c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Topic c ? !c.room().isEmpty() && !c.text().isEmpty()
                : parsed instanceof ClientCommand.Invite c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.InviteOnly c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.TopicLock c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Moderated c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Secret c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.RoomOperator c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Voice c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.Remove c ? !c.room().isEmpty()
                : parsed instanceof ClientCommand.CloseRoom;
        if (!named || !CommandEncoder.encode(parsed).equals(command)) {
            throw new IllegalArgumentException("field l is not a room command with its room, as a node writes it");
        }
        return new RoomAsked(by.group(1), Long.parseLong(by.group(2)), name, by.group(3).equals("1"), command);
    }

    /** A protocol line as the codec writes it, ended by its line feed, as the nodes hand it to their members. */
    @SafeVarargs
    private static String line(Map<String, String> fields, String field, Class<? extends ServerEvent>... kinds) {
        event(fields, field, kinds);
        return fields.get(field);
    }

    /** The event that the line of {@code field} is, checked as {@link #line} says. */
    @SafeVarargs
    private static ServerEvent event(Map<String, String> fields, String field, Class<? extends ServerEvent>... kinds) {
        String ended = fields.get(field);
        if (ended == null || !ended.endsWith("\n")) {
            throw new IllegalArgumentException("field " + field + " is not one line");
        }
        String line = text(Map.of(field, ended.substring(0, ended.length() - 1)), field);
        ServerEvent event;
        try {
            event = EventCodec.decode(line);
        } catch (ProtocolException | RuntimeException e) {
            throw new IllegalArgumentException("field " + field + " is not a protocol line: " + e.getMessage());
        }
        if (!List.of(kinds).contains(event.getClass())) {
            throw new IllegalArgumentException("field " + field + " is a " + event.getClass().getSimpleName() + " line");
        }
        if (!EventCodec.encode(event).equals(line)) {
            throw new IllegalArgumentException("field " + field + " is not written as the protocol writes it");
        }
        return event;
    }
}
