package chat.common.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Random protocol values for property tests; every value is a function of the Random's seed. */
final class Generators {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
    /**
     * Characters that make parsers trip: spaces, slashes, controls, non-ASCII, surrogate pairs, bidi and
     * zero-width formatting, line separators, a tag character and combining marks.
     */
    private static final String TRICKY = " /\t\u001b\u0000\u007f\u0085\u009béß✓日\uD83D\uDE00:"
            + "\u202E\u202A\u2066\u2069\u200B\u200D\u200F\uFEFF\u2028\u2029\uDB40\uDC41\u0301\u0301\u0301\u20DD";

    private Generators() {}

    static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(20) == 0) {
                bytes[i] = (byte) (random.nextBoolean() ? '\n' : '\r');
            }
        }
        return bytes;
    }

    static String name(Random random) {
        int length = 1 + random.nextInt(Username.MAX_LENGTH);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return sb.toString();
    }

    /** Text of up to {@code max} chars; with {@code controls}, also line breaks. */
    static String text(Random random, int max, boolean controls) {
        int length = random.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                sb.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
            } else if (kind == 1 && controls) {
                sb.append((char) random.nextInt(0xA0));
            } else {
                sb.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        String text = sb.toString();
        return controls ? text : text.replace('\n', ' ').replace('\r', ' ');
    }

    static ServerEvent event(Random random) {
        String text = text(random, 100, false);
        switch (random.nextInt(30)) {
            case 29: return new ServerEvent.PrivateNotice(name(random), name(random), text);
            case 28: return new ServerEvent.Notice(name(random), text);
            case 27: return new ServerEvent.Missed(random.nextInt(1_000_000), Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)));
            case 26: return new ServerEvent.Waited(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)),
                    new ServerEvent.Private(name(random), name(random), text));
            case 25: return new ServerEvent.HistoryEnd(room(random), random.nextInt(101), random.nextBoolean());
            case 24: return new ServerEvent.Found(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)), room(random),
                    publicLine(random, text));
            case 23: return new ServerEvent.FoundEnd(random.nextInt(21));
            case 22: {
                ServerEvent inside = event(random);
                while (!(inside instanceof ServerEvent.PublicLine || inside instanceof ServerEvent.Join
                        || inside instanceof ServerEvent.Leave || inside instanceof ServerEvent.History || inside instanceof ServerEvent.Topic
                        || inside instanceof ServerEvent.Info)) {
                    inside = event(random);
                }
                return new ServerEvent.InRoom(otherRoom(random), inside);
            }
            case 21: return new ServerEvent.Topic(name(random), text);
            case 20: return new ServerEvent.Room(room(random), random.nextInt(100_000), random.nextBoolean(), text);
            case 19: return new ServerEvent.Rooms(random.nextInt(1000));
            case 18: {
                List<String> names = new ArrayList<>();
                List<String> operators = new ArrayList<>();
                List<String> voiced = new ArrayList<>();
                Set<String> keys = new HashSet<>(); // a room's members are distinct, as names are, whatever their case
                for (int i = random.nextInt(8); i > 0; i--) {
                    String name = name(random);
                    if (!keys.add(Username.key(name))) {
                        continue;
                    }
                    names.add(name);
                    if (random.nextInt(3) == 0) {
                        operators.add(name);
                    }
                    if (random.nextInt(3) == 0) {
                        voiced.add(name);
                    }
                }
                return new ServerEvent.Members(room(random), names, operators, voiced);
            }
            case 17: return new ServerEvent.Invite(name(random), otherRoom(random));
            case 16: return new ServerEvent.History(Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE)),
                    publicLine(random, text));
            case 15: return new ServerEvent.Offer(1 + random.nextInt(1_000_000), name(random), name(random),
                    random.nextLong() & Long.MAX_VALUE, "0123456789abcdef".repeat(4), "f" + text);
            case 14: return new ServerEvent.Transfer(1 + random.nextInt(1000),
                    TransferState.values()[random.nextInt(TransferState.values().length)], text);
            case 13: return new ServerEvent.TransferData(1 + random.nextInt(1000), 1 + random.nextInt(65535), "tok-" + random.nextInt());
            case 12: return new ServerEvent.PasswordRequest(random.nextBoolean() ? ServerEvent.PasswordRequest.SERVER : name(random), text);
            case 11: return new ServerEvent.Action(name(random), text);
            case 10: return new ServerEvent.Limits(random.nextBoolean() ? 0 : 1 + random.nextInt(100), 1 + random.nextInt(50),
                    random.nextInt(100), 64 + random.nextInt(10000));
            case 0: return new ServerEvent.Hello(random.nextInt(1000), text);
            case 1: return new ServerEvent.Welcome(name(random), text);
            case 2: return new ServerEvent.Join(name(random), random.nextBoolean() ? "10.1.2.3" : "0:0:0:0:0:0:0:1");
            case 3: return new ServerEvent.Leave(name(random), text);
            case 4: return new ServerEvent.Msg(name(random), text);
            case 5: return new ServerEvent.Private(name(random), name(random), text);
            case 6: {
                List<String> names = new ArrayList<>();
                for (int i = random.nextInt(8); i > 0; i--) {
                    names.add(name(random));
                }
                return new ServerEvent.Users(names);
            }
            case 7: return new ServerEvent.Info(text);
            case 8: return new ServerEvent.Error(ErrorCode.values()[random.nextInt(ErrorCode.values().length)], text);
            default: return new ServerEvent.Bye(text);
        }
    }

    /** How many kinds {@link #command} draws from: every {@link ClientCommand} but {@code Malformed}. */
    static final int COMMAND_KINDS = 41;

    /** A command a client may send, of kind {@code kind} (0 to {@link #COMMAND_KINDS} - 1), as the parser makes them. */
    static ClientCommand command(Random random, int kind) {
        switch (kind) {
            case 0: return new ClientCommand.Say(nonBlank(random));
            case 1: return new ClientCommand.PrivateMsg(name(random), nonBlank(random));
            case 2: return new ClientCommand.Me(nonBlank(random));
            case 3: return new ClientCommand.ListUsers();
            case 4: return new ClientCommand.Help();
            case 5: return new ClientCommand.Quit(text(random, 40, false).strip());
            case 6: return new ClientCommand.Register(nonBlank(random));
            case 7: return new ClientCommand.ChangePassword(nonBlank(random));
            case 8: return new ClientCommand.Unregister();
            case 9: return new ClientCommand.Whois(name(random));
            case 10: return new ClientCommand.Purge(name(random));
            case 11: return new ClientCommand.Kick(name(random), text(random, 40, false).strip());
            case 12: {
                Duration duration = random.nextBoolean() ? null // as the parser reads them: 1 to 999999 of one unit
                        : CommandParser.duration((1 + random.nextInt(999_999)) + "smhdw".substring(random.nextInt(5)).substring(0, 1));
                String reason = text(random, 40, false).strip();
                if (duration == null && CommandParser.duration(reason.split(" ", 2)[0]) != null) {
                    reason = "for " + reason; // else the reason's first word would read as the duration
                }
                return new ClientCommand.Ban(name(random), duration, reason);
            }
            case 13: return new ClientCommand.Unban(name(random));
            case 14: return new ClientCommand.ListBans();
            case 15: return new ClientCommand.Offer(name(random), random.nextInt(Integer.MAX_VALUE), sha256(random),
                    nonBlank(random).strip());
            case 16: return new ClientCommand.Accept(1 + random.nextInt(Integer.MAX_VALUE));
            case 17: return new ClientCommand.Decline(1 + random.nextInt(Integer.MAX_VALUE));
            case 18: return new ClientCommand.Cancel(1 + random.nextInt(Integer.MAX_VALUE));
            case 19: return new ClientCommand.Blank();
            case 20: return new ClientCommand.Unknown("/x" + name(random).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
            case 22: return new ClientCommand.Join(typedRoom(random));
            case 23: {
                String room = random.nextInt(4) == 0 ? "" : typedRoom(random);
                return new ClientCommand.Part(room, room.isEmpty() ? "" : text(random, 40, false).strip());
            }
            case 24: return new ClientCommand.ListRooms();
            case 25: {
                String room = random.nextBoolean() ? "" : room(random); // without a room, text must not start with '#'
                return new ClientCommand.Topic(room, text(random, 40, false).strip().replaceFirst("^#", "x"));
            }
            case 26: return new ClientCommand.Names(random.nextBoolean() ? "" : typedRoom(random));
            case 27: return new ClientCommand.To(typedRoom(random),
                    random.nextBoolean() ? new ClientCommand.Say(nonBlank(random)) : new ClientCommand.Me(nonBlank(random)));
            case 28: return new ClientCommand.Invite(name(random), random.nextBoolean() ? "" : typedRoom(random));
            case 29: return new ClientCommand.InviteOnly(random.nextBoolean() ? "" : room(random), random.nextBoolean());
            case 30: return new ClientCommand.RoomOperator(random.nextBoolean() ? "" : room(random), name(random), random.nextBoolean());
            case 31: return new ClientCommand.Remove(random.nextBoolean() ? "" : room(random), name(random),
                    text(random, 40, false).strip());
            case 32: return new ClientCommand.CloseRoom(typedRoom(random), text(random, 40, false).strip());
            case 33: return new ClientCommand.History(random.nextBoolean() ? "" : room(random),
                    random.nextBoolean() ? 0 : 1 + random.nextInt(Protocol.MAX_HISTORY_LINES));
            case 34: // without a room, text must not start with '#'
                return new ClientCommand.Search(random.nextBoolean() ? "" : room(random), nonBlank(random).strip().replaceFirst("^#", "x"));
            case 35: return new ClientCommand.TopicLock(random.nextBoolean() ? "" : room(random), random.nextBoolean());
            case 36: return new ClientCommand.Oper(name(random), nonBlank(random));
            case 37: return new ClientCommand.Notice(random.nextBoolean() ? name(random) : room(random), nonBlank(random));
            case 38: return new ClientCommand.Moderated(random.nextBoolean() ? "" : room(random), random.nextBoolean());
            case 39: return new ClientCommand.Secret(random.nextBoolean() ? "" : room(random), random.nextBoolean());
            case 40: return new ClientCommand.Voice(random.nextBoolean() ? "" : room(random), name(random), random.nextBoolean());
            default: return new ClientCommand.Say("/" + nonBlank(random)); // text that looks like a command
        }
    }

    /** A line someone said, of any kind, with {@code text}. */
    static ServerEvent.PublicLine publicLine(Random random, String text) {
        switch (random.nextInt(3)) {
            case 0: return new ServerEvent.Msg(name(random), text);
            case 1: return new ServerEvent.Action(name(random), text);
            default: return new ServerEvent.Notice(name(random), text);
        }
    }

    /** A valid room name. */
    static String room(Random random) {
        return "#" + name(random);
    }

    /** A valid room name other than the default room's. */
    static String otherRoom(Random random) {
        String room = room(random);
        return new RoomName(room).isDefault() ? room + "x" : room;
    }

    /** A room as a person may type it: with or without its '#', valid or not, one word. */
    static String typedRoom(Random random) {
        return random.nextBoolean() ? room(random) : name(random);
    }

    private static String nonBlank(Random random) {
        String text = text(random, 60, false);
        return text.isBlank() ? "x" + text : text;
    }

    private static String sha256(Random random) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            hex.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return hex.toString();
    }
}
