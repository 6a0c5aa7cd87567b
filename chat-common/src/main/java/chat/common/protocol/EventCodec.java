package chat.common.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The only code that knows how a {@link ServerEvent} looks on the wire: {@code TYPE field... [text]}.
 *
 * <p>Fields are single words separated by one space; the free text is everything after the last field,
 * kept byte for byte (leading spaces included). An empty text is written without the separating space.
 */
public final class EventCodec {
    private EventCodec() {}

    /** The line for {@code event}, without the terminator. */
    public static String encode(ServerEvent event) {
        if (event instanceof ServerEvent.Msg e) {
            return line("MSG", e.text(), e.from());
        } else if (event instanceof ServerEvent.Private e) {
            return line("PRIVATE", e.text(), e.from(), e.to());
        } else if (event instanceof ServerEvent.Action e) {
            return line("ACTION", e.text(), e.from());
        } else if (event instanceof ServerEvent.Notice e) {
            return line("NOTICE", e.text(), e.from());
        } else if (event instanceof ServerEvent.PrivateNotice e) {
            return line("PRIVATE_NOTICE", e.text(), e.from(), e.to());
        } else if (event instanceof ServerEvent.Join e) {
            return line("JOIN", "", e.name(), e.address());
        } else if (event instanceof ServerEvent.Leave e) {
            return line("LEAVE", e.reason(), e.name());
        } else if (event instanceof ServerEvent.Users e) {
            return line("USERS", "", e.names().toArray(String[]::new));
        } else if (event instanceof ServerEvent.Info e) {
            return line("INFO", e.text());
        } else if (event instanceof ServerEvent.Error e) {
            return line("ERROR", e.text(), e.code().name());
        } else if (event instanceof ServerEvent.Welcome e) {
            return line("WELCOME", e.text(), e.name());
        } else if (event instanceof ServerEvent.Hello e) {
            return line("HELLO", e.text(), Integer.toString(e.version()));
        } else if (event instanceof ServerEvent.Bye e) {
            return line("BYE", e.text());
        } else if (event instanceof ServerEvent.PasswordRequest e) {
            return line("PASSWORD", e.text(), e.account());
        } else if (event instanceof ServerEvent.Offer e) {
            return line("OFFER", e.name(), Long.toString(e.id()), e.from(), e.to(), Long.toString(e.size()), e.sha256());
        } else if (event instanceof ServerEvent.Transfer e) {
            return line("TRANSFER", e.text(), Long.toString(e.id()), e.state().word());
        } else if (event instanceof ServerEvent.TransferData e) {
            return line("DATA", "", Long.toString(e.id()), Integer.toString(e.port()), e.token());
        } else if (event instanceof ServerEvent.History e) {
            return line("HISTORY", encode(e.said()), e.at().toString());
        } else if (event instanceof ServerEvent.InRoom e) {
            return line("IN", encode(e.event()), e.room());
        } else if (event instanceof ServerEvent.Topic e) {
            return line("TOPIC", e.text(), e.setter());
        } else if (event instanceof ServerEvent.Room e) {
            return line("ROOM", e.topic(), e.room(), Integer.toString(e.members()), e.inviteOnly() ? "invite" : "open");
        } else if (event instanceof ServerEvent.Rooms e) {
            return line("ROOMS", "", Integer.toString(e.count()));
        } else if (event instanceof ServerEvent.Members e) {
            String[] fields = new String[e.names().size() + 1];
            fields[0] = e.room();
            for (int i = 0; i < e.names().size(); i++) {
                String name = e.names().get(i);
                fields[i + 1] = (e.operators().contains(name) ? "@" : "") + (e.voiced().contains(name) ? "+" : "") + name;
            }
            return line("MEMBERS", "", fields);
        } else if (event instanceof ServerEvent.Invite e) {
            return line("INVITE", "", e.from(), e.room());
        } else if (event instanceof ServerEvent.HistoryEnd e) {
            return line("HISTORY_END", "", e.room(), Integer.toString(e.count()), e.more() ? "more" : "all");
        } else if (event instanceof ServerEvent.Found e) {
            return line("FOUND", encode(e.said()), e.at().toString(), e.room());
        } else if (event instanceof ServerEvent.Waited e) {
            return line("WAITED", encode(e.line()), e.at().toString());
        } else if (event instanceof ServerEvent.FoundEnd e) {
            return line("FOUND_END", "", Integer.toString(e.count()));
        } else if (event instanceof ServerEvent.Missed e) {
            return line("MISSED", "", Integer.toString(e.count()), e.since().toString());
        } else if (event instanceof ServerEvent.Limits e) {
            return line("LIMITS", "", "rate=" + rate(e.ratePerSecond()), "burst=" + e.burst(), "backlog=" + e.backlog(),
                    "line-bytes=" + e.lineBytes());
        }
        throw new AssertionError(event);
    }

    /** The UTF-8 bytes of the line for {@code event}, terminator included: ready for a socket. */
    public static byte[] encodeLine(ServerEvent event) {
        return (encode(event) + '\n').getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code HISTORY} line for a public line already encoded by {@link #encodeLine}, said at
     * {@code epochMillis}: the same bytes as encoding the {@link ServerEvent.History}, without decoding the line.
     */
    public static byte[] encodeHistoryLine(long epochMillis, byte[] line) {
        byte[] prefix = ("HISTORY " + Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000)) + ' ')
                .getBytes(StandardCharsets.US_ASCII);
        byte[] history = Arrays.copyOf(prefix, prefix.length + line.length);
        System.arraycopy(line, 0, history, prefix.length, line.length);
        return history;
    }

    /**
     * The {@code IN} line of room {@code room} (not the default room) for a line already encoded by
     * {@link #encodeLine}: the same bytes as encoding the {@link ServerEvent.InRoom}, without decoding the line.
     */
    public static byte[] encodeInRoom(String room, byte[] line) {
        byte[] prefix = ("IN " + room + ' ').getBytes(StandardCharsets.US_ASCII);
        byte[] inRoom = Arrays.copyOf(prefix, prefix.length + line.length);
        System.arraycopy(line, 0, inRoom, prefix.length, line.length);
        return inRoom;
    }

    /**
     * Tells whether a public line already encoded by {@link #encodeLine} ({@code MSG}, {@code ACTION} or
     * {@code NOTICE}) was said by {@code name}, in any case, without decoding it; the prefixes are made once, for
     * many lines.
     */
    public static Predicate<byte[]> saidBy(String name) {
        byte[] msg = ("MSG " + name + " ").getBytes(StandardCharsets.UTF_8);
        byte[] action = ("ACTION " + name + " ").getBytes(StandardCharsets.UTF_8);
        byte[] notice = ("NOTICE " + name + " ").getBytes(StandardCharsets.UTF_8);
        return line -> startsWithIgnoringCase(line, msg) || startsWithIgnoringCase(line, action)
                || startsWithIgnoringCase(line, notice);
    }

    /** Names are ASCII ({@link Username}), so a byte-wise case-insensitive comparison is exact. */
    private static boolean startsWithIgnoringCase(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase((char) line[i]) != Character.toLowerCase((char) prefix[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code line} is a {@code LIMITS} line, readable or not: a client paces itself by it and never
     * shows it to the person, not even one from a newer server it cannot read.
     */
    public static boolean isLimits(String line) {
        return line.startsWith("LIMITS ");
    }

    private static String line(String type, String text, String... fields) {
        StringBuilder sb = new StringBuilder(type.length() + text.length() + 32).append(type);
        for (String field : fields) {
            sb.append(' ').append(field);
        }
        if (!text.isEmpty()) {
            sb.append(' ').append(text);
        }
        return sb.toString();
    }

    /** Reads a line back as {@link #encodeLine} wrote it (UTF-8, its line end included) into its event. */
    public static ServerEvent decodeLine(byte[] line) throws ProtocolException {
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return decode(new String(line, 0, end, StandardCharsets.UTF_8));
    }

    /** Reads one line (terminator removed) back into the event it encodes. */
    public static ServerEvent decode(String line) throws ProtocolException {
        int space = line.indexOf(' ');
        String type = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (type) {
                case "MSG": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Msg(p[0], p[1]);
                }
                case "ACTION": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Action(p[0], p[1]);
                }
                case "PRIVATE": {
                    String[] p = split(rest, 2);
                    return new ServerEvent.Private(p[0], p[1], p[2]);
                }
                case "NOTICE": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Notice(p[0], p[1]);
                }
                case "PRIVATE_NOTICE": {
                    String[] p = split(rest, 2);
                    return new ServerEvent.PrivateNotice(p[0], p[1], p[2]);
                }
                case "JOIN": {
                    String[] p = split(rest, 2);
                    return new ServerEvent.Join(p[0], p[1]);
                }
                case "LEAVE": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Leave(p[0], p[1]);
                }
                case "USERS":
                    return new ServerEvent.Users(words(rest));
                case "INFO":
                    return new ServerEvent.Info(rest);
                case "ERROR": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Error(errorCode(p[0]), p[1]);
                }
                case "WELCOME": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Welcome(p[0], p[1]);
                }
                case "HELLO": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Hello(version(p[0]), p[1]);
                }
                case "BYE":
                    return new ServerEvent.Bye(rest);
                case "LIMITS":
                    return limits(rest);
                case "PASSWORD": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.PasswordRequest(p[0], p[1]);
                }
                case "OFFER": {
                    String[] p = split(rest, 5);
                    return new ServerEvent.Offer(number(p[0]), p[1], p[2], number(p[3]), p[4], p[5]);
                }
                case "TRANSFER": {
                    String[] p = split(rest, 2);
                    return new ServerEvent.Transfer(number(p[0]), TransferState.ofWord(p[1]), p[2]);
                }
                case "DATA": {
                    String[] p = split(rest, 3);
                    if (!p[3].isEmpty()) {
                        throw new ProtocolException("DATA with text after its token");
                    }
                    return new ServerEvent.TransferData(number(p[0]), Math.toIntExact(number(p[1])), p[2]);
                }
                case "HISTORY": {
                    String[] p = split(rest, 1);
                    ServerEvent said = p[1].startsWith("HISTORY") ? null : decode(p[1]);
                    if (!(said instanceof ServerEvent.PublicLine)) {
                        throw new ProtocolException("HISTORY of something other than MSG, ACTION or NOTICE");
                    }
                    return new ServerEvent.History(instant(p[0]), (ServerEvent.PublicLine) said);
                }
                case "HISTORY_END": {
                    String[] p = split(rest, 3);
                    if (!p[2].equals("more") && !p[2].equals("all") || !p[3].isEmpty()) {
                        throw new ProtocolException("HISTORY_END neither more nor all: " + rest);
                    }
                    return new ServerEvent.HistoryEnd(p[0], Math.toIntExact(number(p[1])), p[2].equals("more"));
                }
                case "FOUND": {
                    String[] p = split(rest, 2);
                    ServerEvent said = p[2].startsWith("FOUND") ? null : decode(p[2]);
                    if (!(said instanceof ServerEvent.PublicLine)) {
                        throw new ProtocolException("FOUND of something other than MSG, ACTION or NOTICE");
                    }
                    return new ServerEvent.Found(instant(p[0]), p[1], (ServerEvent.PublicLine) said);
                }
                case "WAITED": {
                    String[] p = split(rest, 1);
                    ServerEvent waited = p[1].startsWith("PRIVATE ") ? decode(p[1]) : null;
                    if (!(waited instanceof ServerEvent.Private privateLine)) {
                        throw new ProtocolException("WAITED of something other than PRIVATE");
                    }
                    return new ServerEvent.Waited(instant(p[0]), privateLine);
                }
                case "FOUND_END":
                    return new ServerEvent.FoundEnd(Math.toIntExact(number(rest)));
                case "MISSED": {
                    String[] p = split(rest, 2);
                    if (!p[2].isEmpty()) {
                        throw new ProtocolException("MISSED with text after its time");
                    }
                    return new ServerEvent.Missed(Math.toIntExact(number(p[0])), instant(p[1]));
                }
                case "IN": {
                    String[] p = split(rest, 1);
                    ServerEvent inside = p[1].startsWith("IN ") ? null : decode(p[1]);
                    if (inside == null) {
                        throw new ProtocolException("IN inside IN");
                    }
                    return new ServerEvent.InRoom(p[0], inside);
                }
                case "TOPIC": {
                    String[] p = split(rest, 1);
                    return new ServerEvent.Topic(p[0], p[1]);
                }
                case "ROOM": {
                    String[] p = split(rest, 3);
                    if (!p[2].equals("open") && !p[2].equals("invite")) {
                        throw new ProtocolException("ROOM neither open nor invite: " + p[2]);
                    }
                    return new ServerEvent.Room(p[0], Math.toIntExact(number(p[1])), p[2].equals("invite"), p[3]);
                }
                case "ROOMS":
                    return new ServerEvent.Rooms(Math.toIntExact(number(rest)));
                case "MEMBERS": {
                    List<String> words = words(rest);
                    if (words.isEmpty()) {
                        throw new ProtocolException("MEMBERS without a room");
                    }
                    List<String> names = new ArrayList<>();
                    List<String> operators = new ArrayList<>();
                    List<String> voiced = new ArrayList<>();
                    for (String word : words.subList(1, words.size())) {
                        boolean operator = word.startsWith("@");
                        String name = operator ? word.substring(1) : word;
                        boolean voice = name.startsWith("+");
                        name = voice ? name.substring(1) : name;
                        names.add(name);
                        if (operator) {
                            operators.add(name);
                        }
                        if (voice) {
                            voiced.add(name);
                        }
                    }
                    return new ServerEvent.Members(words.get(0), names, operators, voiced);
                }
                case "INVITE": {
                    String[] p = split(rest, 2);
                    if (!p[2].isEmpty()) {
                        throw new ProtocolException("INVITE with text after its room");
                    }
                    return new ServerEvent.Invite(p[0], p[1]);
                }
                default:
                    throw new ProtocolException("unknown line type: " + type);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ProtocolException("malformed " + type + " line: " + e.getMessage());
        }
    }

    /** The first {@code count} space-separated fields of {@code rest}, then the remaining text. */
    private static String[] split(String rest, int count) throws ProtocolException {
        String[] parts = new String[count + 1];
        int from = 0;
        for (int i = 0; i < count; i++) {
            int space = rest.indexOf(' ', from);
            int end = space < 0 ? rest.length() : space;
            if (end == from) {
                throw new ProtocolException("missing field " + (i + 1) + " in: " + rest);
            }
            parts[i] = rest.substring(from, end);
            from = space < 0 ? rest.length() : space + 1;
        }
        parts[count] = rest.substring(from);
        return parts;
    }

    /** A rate as written in LIMITS: {@code off}, a whole number, or a decimal. */
    private static String rate(double perSecond) {
        if (perSecond == 0) {
            return "off";
        }
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    /** {@code key=value} words in any order; keys this version does not know are skipped (later additions). */
    private static ServerEvent.Limits limits(String rest) throws ProtocolException {
        Map<String, String> values = new HashMap<>();
        for (String word : words(rest)) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                values.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        try {
            String rate = required(values, "rate");
            return new ServerEvent.Limits(rate.equals("off") ? 0 : Double.parseDouble(rate),
                    Integer.parseInt(required(values, "burst")), Integer.parseInt(required(values, "backlog")),
                    Integer.parseInt(required(values, "line-bytes")));
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad number in LIMITS: " + rest);
        }
    }

    private static String required(Map<String, String> values, String key) throws ProtocolException {
        String value = values.get(key);
        if (value == null) {
            throw new ProtocolException("LIMITS without " + key);
        }
        return value;
    }

    private static List<String> words(String rest) {
        List<String> words = new ArrayList<>();
        for (String word : rest.split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static ErrorCode errorCode(String code) throws ProtocolException {
        try {
            return ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unknown error code: " + code);
        }
    }

    /** A whole number written plainly (no sign, no leading zero). */
    private static long number(String field) throws ProtocolException {
        long number = Check.wholeNumber(field);
        if (number < 0) {
            throw new ProtocolException("bad number: " + field);
        }
        return number;
    }

    private static Instant instant(String field) throws ProtocolException {
        try {
            return Instant.parse(field);
        } catch (DateTimeParseException e) {
            throw new ProtocolException("bad time: " + field);
        }
    }

    private static int version(String field) throws ProtocolException {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad protocol version: " + field);
        }
    }
}
