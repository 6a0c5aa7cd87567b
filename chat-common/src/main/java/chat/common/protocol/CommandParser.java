package chat.common.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the meaning of one line a client typed. Lines are what a person types, so {@code nc} is a client.
 *
 * <p>Command words are case-insensitive; a line starting with {@code //} is text starting with {@code /}.
 */
public final class CommandParser {
    public static final String MSG_USAGE = "/msg NAME text";
    public static final String SAY_USAGE = "/say text";
    public static final String ME_USAGE = "/me action";
    public static final String NOTICE_USAGE = "/notice #ROOM|NAME text";
    public static final String REGISTER_USAGE = "/register PASSWORD";
    public static final String PASSWORD_USAGE = "/password NEW-PASSWORD";
    public static final String OPER_USAGE = "/oper NAME PASSWORD";
    public static final String WHOIS_USAGE = "/whois NAME";
    public static final String KICK_USAGE = "/kick NAME [reason]";
    public static final String BAN_USAGE = "/ban NAME|ADDRESS|ADDRESS/PREFIX [DURATION like 30m, 2h, 7d] [reason]";
    public static final String PURGE_USAGE = "/purge NAME";
    public static final String UNBAN_USAGE = "/unban NAME|ADDRESS|ADDRESS/PREFIX";
    public static final String OFFER_USAGE = "/offer NAME SIZE SHA-256 FILENAME";
    public static final String ACCEPT_USAGE = "/accept ID";
    public static final String DECLINE_USAGE = "/decline ID";
    public static final String CANCEL_USAGE = "/cancel ID";
    public static final String JOIN_USAGE = "/join ROOM";
    public static final String TO_USAGE = "/to ROOM text";
    public static final String INVITE_USAGE = "/invite NAME [ROOM]";
    private static final String ON_OFF_USAGE = " [#ROOM] on|off";
    public static final String INVITE_ONLY_USAGE = "/invite-only" + ON_OFF_USAGE;
    public static final String TOPIC_LOCK_USAGE = "/topic-lock" + ON_OFF_USAGE;
    public static final String MODERATED_USAGE = "/moderated" + ON_OFF_USAGE;
    public static final String SECRET_USAGE = "/secret" + ON_OFF_USAGE;
    private static final String NAME_USAGE = " [#ROOM] NAME";
    public static final String OP_USAGE = "/op" + NAME_USAGE;
    public static final String DEOP_USAGE = "/deop" + NAME_USAGE;
    public static final String VOICE_USAGE = "/voice" + NAME_USAGE;
    public static final String DEVOICE_USAGE = "/devoice" + NAME_USAGE;
    public static final String REMOVE_USAGE = "/remove [#ROOM] NAME [reason]";
    public static final String CLOSE_USAGE = "/close ROOM [reason]";
    public static final String HISTORY_USAGE = "/history [#ROOM] [N, 1 to " + Protocol.MAX_HISTORY_LINES + "]";
    public static final String SEARCH_USAGE = "/search [#ROOM] text (at most " + Protocol.MAX_SEARCH_CHARS + " characters)";
    /** The command words the server reads after login, as a client offers them for completion. */
    public static final List<String> COMMANDS = List.of("/msg", "/me", "/notice", "/list", "/help", "/quit", "/say", "/whois",
            "/register", "/password", "/unregister", "/oper", "/kick", "/ban", "/unban", "/bans", "/purge", "/accept", "/decline",
            "/cancel", "/join", "/part", "/rooms", "/topic", "/names", "/to", "/invite", "/invite-only", "/topic-lock", "/moderated", "/secret", "/op", "/deop", "/voice", "/devoice",
            "/remove", "/close", "/history", "/search");
    /** The one line the server answers before login, instead of a name: its counts (docs/PROTOCOL.md, "Status"). */
    public static final String STATUS = "/status";

    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([smhdw])");

    private CommandParser() {}

    public static ClientCommand parse(String line) {
        if (line.isBlank()) {
            return new ClientCommand.Blank();
        }
        if (line.equals("quit")) {
            return new ClientCommand.Quit("");
        }
        if (!line.startsWith("/")) {
            return new ClientCommand.Say(line);
        }
        if (line.startsWith("//")) {
            return new ClientCommand.Say(line.substring(1));
        }
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1);
        switch (word) {
            case "/msg":
                return privateMessage(args);
            case "/notice": {
                String[] target = targetAndText(args);
                return target == null ? new ClientCommand.Malformed(NOTICE_USAGE) : new ClientCommand.Notice(target[0], target[1]);
            }
            case "/list":
                return new ClientCommand.ListUsers();
            case "/help":
                return new ClientCommand.Help();
            case "/quit":
                return new ClientCommand.Quit(args.strip());
            case "/me":
                return args.isBlank() ? new ClientCommand.Malformed(ME_USAGE) : new ClientCommand.Me(args);
            case "/say":
                return args.isEmpty() ? new ClientCommand.Malformed(SAY_USAGE) : new ClientCommand.Say(args);
            case "/register": // a password is taken exactly as typed, spaces included
                return args.isEmpty() ? new ClientCommand.Malformed(REGISTER_USAGE) : new ClientCommand.Register(args);
            case "/password":
                return args.isEmpty() ? new ClientCommand.Malformed(PASSWORD_USAGE) : new ClientCommand.ChangePassword(args);
            case "/unregister":
                return new ClientCommand.Unregister();
            case "/oper": { // the password as typed after the name, spaces included
                int gap = args.indexOf(' ');
                return gap <= 0 || gap == args.length() - 1 ? new ClientCommand.Malformed(OPER_USAGE)
                        : new ClientCommand.Oper(args.substring(0, gap), args.substring(gap + 1));
            }
            case "/whois":
                return args.isBlank() ? new ClientCommand.Malformed(WHOIS_USAGE) : new ClientCommand.Whois(args.strip());
            case "/kick":
                return kick(args);
            case "/ban":
                return ban(args);
            case "/unban":
                return args.isBlank() ? new ClientCommand.Malformed(UNBAN_USAGE) : new ClientCommand.Unban(args.strip());
            case "/bans":
                return new ClientCommand.ListBans();
            case "/purge":
                return args.isBlank() || args.strip().contains(" ") ? new ClientCommand.Malformed(PURGE_USAGE)
                        : new ClientCommand.Purge(args.strip());
            case "/offer":
                return offer(args);
            case "/accept": {
                long id = transferId(args);
                return id > 0 ? new ClientCommand.Accept(id) : new ClientCommand.Malformed(ACCEPT_USAGE);
            }
            case "/decline": {
                long id = transferId(args);
                return id > 0 ? new ClientCommand.Decline(id) : new ClientCommand.Malformed(DECLINE_USAGE);
            }
            case "/cancel": {
                long id = transferId(args);
                return id > 0 ? new ClientCommand.Cancel(id) : new ClientCommand.Malformed(CANCEL_USAGE);
            }
            case "/join":
                return oneWord(args) ? new ClientCommand.Join(args.strip()) : new ClientCommand.Malformed(JOIN_USAGE);
            case "/part": {
                String[] words = args.strip().split(" ", 2);
                return new ClientCommand.Part(words[0], words.length > 1 ? words[1].strip() : "");
            }
            case "/rooms":
                return new ClientCommand.ListRooms();
            case "/topic": {
                String[] room = roomFirst(args);
                return new ClientCommand.Topic(room[0], room[1]);
            }
            case "/names":
                return new ClientCommand.Names(args.strip());
            case "/to":
                return to(args);
            case "/invite": {
                String[] words = args.strip().split(" ");
                return words[0].isEmpty() || words.length > 2 ? new ClientCommand.Malformed(INVITE_USAGE)
                        : new ClientCommand.Invite(words[0], words.length > 1 ? words[1] : "");
            }
            case "/invite-only":
            case "/topic-lock":
            case "/moderated":
            case "/secret": {
                String[] room = roomFirst(args);
                String onOff = room[1].strip().toLowerCase(Locale.ROOT);
                if (!onOff.equals("on") && !onOff.equals("off")) {
                    return new ClientCommand.Malformed(word + ON_OFF_USAGE); // as INVITE_ONLY_USAGE and the others

                }
                boolean on = onOff.equals("on");
                switch (word) {
                    case "/invite-only": return new ClientCommand.InviteOnly(room[0], on);
                    case "/topic-lock": return new ClientCommand.TopicLock(room[0], on);
                    case "/moderated": return new ClientCommand.Moderated(room[0], on);
                    default: return new ClientCommand.Secret(room[0], on);
                }
            }
            case "/op":
            case "/deop":
            case "/voice":
            case "/devoice": {
                String[] room = roomFirst(args);
                if (!oneWord(room[1])) {
                    return new ClientCommand.Malformed(word + NAME_USAGE); // as OP_USAGE and the others
                }
                String name = room[1].strip();
                switch (word) {
                    case "/op": return new ClientCommand.RoomOperator(room[0], name, true);
                    case "/deop": return new ClientCommand.RoomOperator(room[0], name, false);
                    case "/voice": return new ClientCommand.Voice(room[0], name, true);
                    default: return new ClientCommand.Voice(room[0], name, false);
                }
            }
            case "/remove": {
                String[] room = roomFirst(args);
                String[] words = room[1].strip().split(" ", 2);
                return words[0].isEmpty() ? new ClientCommand.Malformed(REMOVE_USAGE)
                        : new ClientCommand.Remove(room[0], words[0], words.length > 1 ? words[1].strip() : "");
            }
            case "/close": {
                String[] words = args.strip().split(" ", 2);
                return words[0].isEmpty() ? new ClientCommand.Malformed(CLOSE_USAGE)
                        : new ClientCommand.CloseRoom(words[0], words.length > 1 ? words[1].strip() : "");
            }
            case "/history":
                return history(args);
            case "/search": {
                String[] room = roomFirst(args);
                String text = room[1].strip();
                return text.isEmpty() || text.codePointCount(0, text.length()) > Protocol.MAX_SEARCH_CHARS
                        ? new ClientCommand.Malformed(SEARCH_USAGE) : new ClientCommand.Search(room[0], text);
            }
            default:
                return new ClientCommand.Unknown(word);
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 4w}; null if {@code word} is not one. */
    public static Duration duration(String word) {
        Matcher m = DURATION.matcher(word.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** A transfer id as typed ({@code 7}, or {@code #7} as clients show it); 0 if {@code args} is not one. */
    public static long transferId(String args) {
        String word = args.strip();
        if (word.startsWith("#")) {
            word = word.substring(1);
        }
        return Math.max(0, Check.wholeNumber(word));
    }

    private static ClientCommand offer(String args) {
        String[] words = args.strip().split(" ", 4);
        long size = words.length < 4 ? -1 : Check.wholeNumber(words[1]);
        if (size < 0 || !Sha256.isHex(words[2]) || words[3].isBlank()) {
            return new ClientCommand.Malformed(OFFER_USAGE);
        }
        return new ClientCommand.Offer(words[0], size, words[2], words[3]);
    }

    private static ClientCommand kick(String args) {
        String[] words = args.strip().split(" ", 2);
        if (words[0].isEmpty()) {
            return new ClientCommand.Malformed(KICK_USAGE);
        }
        return new ClientCommand.Kick(words[0], words.length > 1 ? words[1].strip() : "");
    }

    private static ClientCommand ban(String args) {
        String[] words = args.strip().split(" ", 3);
        if (words[0].isEmpty()) {
            return new ClientCommand.Malformed(BAN_USAGE);
        }
        Duration duration = words.length > 1 ? duration(words[1]) : null;
        String reason;
        if (duration != null) {
            reason = words.length > 2 ? words[2] : "";
        } else {
            reason = args.strip().substring(words[0].length());
        }
        return new ClientCommand.Ban(words[0], duration, reason.strip());
    }

    private static ClientCommand history(String args) {
        String[] room = roomFirst(args);
        if (room[1].isEmpty()) {
            return new ClientCommand.History(room[0], 0);
        }
        long count = Check.wholeNumber(room[1]);
        return count < 1 || count > Protocol.MAX_HISTORY_LINES ? new ClientCommand.Malformed(HISTORY_USAGE)
                : new ClientCommand.History(room[0], (int) count);
    }

    private static boolean oneWord(String args) {
        return !args.isBlank() && !args.strip().contains(" ");
    }

    /**
     * {@code args} as a room and the rest, where the room may be left out (the current room, ""): the first
     * word is a room only if it starts with {@code #}, as the rest may be free text.
     */
    private static String[] roomFirst(String args) {
        String rest = args.strip();
        if (!rest.startsWith("#")) {
            return new String[] {"", rest};
        }
        int space = rest.indexOf(' ');
        return space < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, space), rest.substring(space + 1).strip()};
    }

    private static ClientCommand to(String args) {
        String rest = args.stripLeading();
        int space = rest.indexOf(' ');
        if (space <= 0) {
            return new ClientCommand.Malformed(TO_USAGE);
        }
        ClientCommand line = parse(rest.substring(space + 1));
        if (!(line instanceof ClientCommand.Say) && !(line instanceof ClientCommand.Me)) {
            return new ClientCommand.Malformed(TO_USAGE);
        }
        return new ClientCommand.To(rest.substring(0, space), line);
    }

    private static ClientCommand privateMessage(String args) {
        String[] target = targetAndText(args);
        return target == null ? new ClientCommand.Malformed(MSG_USAGE) : new ClientCommand.PrivateMsg(target[0], target[1]);
    }

    /** {@code args} as a first word and the text after its space, exactly as typed; null if either is missing. */
    private static String[] targetAndText(String args) {
        String rest = args.stripLeading();
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.substring(space + 1).isBlank()) {
            return null;
        }
        return new String[] {rest.substring(0, space), rest.substring(space + 1)};
    }
}
