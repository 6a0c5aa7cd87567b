package chat.common.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One line the server sends; one record per line type of docs/PROTOCOL.md, "Server to client".
 *
 * <p>A record that exists is valid: names obey {@link Username}, fields have no spaces, and no text holds a
 * line break, so encoding one can never produce two lines. Only {@link EventCodec} knows the wire form.
 */
public sealed interface ServerEvent {

    /** Sent once on connect: the protocol version and a request for a name. */
    record Hello(int version, String text) implements ServerEvent {
        public Hello {
            Check.text(text);
        }
    }

    /**
     * What this connection may send, sent once right after {@code HELLO}, so that a client can pace itself
     * and never be refused: {@code ratePerSecond} lines a second sustained (0: no limit), after a burst of
     * {@code burst}; {@code backlog} more lines are delayed rather than refused; lines of at most
     * {@code lineBytes} bytes. The rate and burst are shared by all connections from one address.
     */
    record Limits(double ratePerSecond, int burst, int backlog, int lineBytes) implements ServerEvent {
        public Limits {
            if (!(ratePerSecond >= 0) || burst < 1 || backlog < 0 || lineBytes < 1) {
                throw new IllegalArgumentException("invalid limits");
            }
        }

        /** Whether lines are limited at all. */
        public boolean rateLimited() {
            return ratePerSecond > 0;
        }
    }

    /** The login succeeded under {@code name}. */
    record Welcome(String name, String text) implements ServerEvent {
        public Welcome {
            Check.name(name);
            Check.text(text);
        }
    }

    /** {@code name} joined from {@code address} (an IP address). */
    record Join(String name, String address) implements ServerEvent {
        public Join {
            Check.name(name);
            Check.field(address);
        }
    }

    /** {@code name} left; {@code reason} says why. */
    record Leave(String name, String reason) implements ServerEvent {
        public Leave {
            Check.name(name);
            Check.text(reason);
        }
    }

    /**
     * A line someone said to a room: {@link Msg}, {@link Action} or {@link Notice}. These are what a room's
     * history keeps and a search finds.
     */
    sealed interface PublicLine extends ServerEvent permits Msg, Action, Notice {
        String from();

        String text();
    }

    /** A public message, sent to everyone including its sender. */
    record Msg(String from, String text) implements PublicLine {
        public Msg {
            Check.name(from);
            Check.text(text);
        }
    }

    /** An action, {@code /me text}: shown as "* from text"; sent to everyone like a public message. */
    record Action(String from, String text) implements PublicLine {
        public Action {
            Check.name(from);
            Check.text(text);
        }
    }

    /**
     * A notice, {@code /notice #room text}: said like a public message, and by convention never answered
     * automatically (IRC's NOTICE), so that two bots cannot answer each other for ever.
     */
    record Notice(String from, String text) implements PublicLine {
        public Notice {
            Check.name(from);
            Check.text(text);
        }
    }

    /** A line from one member to another: {@link Private} or {@link PrivateNotice}, sent to both. */
    sealed interface PrivateLine extends ServerEvent permits Private, PrivateNotice {
        String from();

        String to();

        String text();
    }

    /** A private message, sent to both {@code from} and {@code to}. */
    record Private(String from, String to, String text) implements PrivateLine {
        public Private {
            Check.name(from);
            Check.name(to);
            Check.text(text);
        }
    }

    /** A private notice, {@code /notice NAME text}: sent as a {@link Private} is, and never answered automatically. */
    record PrivateNotice(String from, String to, String text) implements PrivateLine {
        public PrivateNotice {
            Check.name(from);
            Check.name(to);
            Check.text(text);
        }
    }

    /** Who is online, in the server's order. */
    record Users(List<String> names) implements ServerEvent {
        public Users {
            names = List.copyOf(names);
            names.forEach(Check::name);
        }
    }

    /** Text for the person: help, notices. */
    record Info(String text) implements ServerEvent {
        public Info {
            Check.text(text);
        }
    }

    /** A request was refused; the connection stays open. */
    record Error(ErrorCode code, String text) implements ServerEvent {
        public Error {
            Objects.requireNonNull(code, "code");
            Check.text(text);
        }
    }

    /**
     * The server wants a password on the next line: the one of registered name {@code account}, or with
     * {@link #SERVER} the shared password of a private server. The line is taken exactly as sent.
     */
    record PasswordRequest(String account, String text) implements ServerEvent {
        /** The account of a private server's shared password. */
        public static final String SERVER = "*";

        public PasswordRequest {
            if (!SERVER.equals(account)) {
                Check.name(account);
            }
            Check.text(text);
        }

        /** Whether the server's shared password is wanted, rather than a name's. */
        public boolean forServer() {
            return SERVER.equals(account);
        }
    }

    /**
     * File {@code id} offered by {@code from} to {@code to}, sent to both: {@code size} bytes whose SHA-256 is
     * {@code sha256} (64 lowercase hex digits); {@code name} is the sender's suggestion of a file name, which a
     * receiver must make safe before using it.
     */
    record Offer(long id, String from, String to, long size, String sha256, String name) implements ServerEvent {
        public Offer {
            Check.transferId(id);
            Check.name(from);
            Check.name(to);
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
            if (!Sha256.isHex(sha256)) {
                throw new IllegalArgumentException("not a SHA-256: " + sha256);
            }
            Check.text(name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("no file name");
            }
        }
    }

    /** Transfer {@code id} changed {@code state}, sent to both ends; {@code text} says why, for the person. */
    record Transfer(long id, TransferState state, String text) implements ServerEvent {
        public Transfer {
            Check.transferId(id);
            Objects.requireNonNull(state, "state");
            Check.text(text);
        }
    }

    /**
     * Where one end of accepted transfer {@code id} opens its data connection: port {@code port} of the chat
     * server's host, sending the one-time {@code token} (docs/PROTOCOL.md, "File transfer").
     */
    record TransferData(long id, int port, String token) implements ServerEvent {
        public TransferData {
            Check.transferId(id);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad port: " + port);
            }
            Check.field(token);
        }
    }

    /**
     * A public line said before this client logged in, at {@code at} (whole seconds). Sent after
     * {@code WELCOME}, oldest first, before the live lines.
     */
    record History(Instant at, PublicLine said) implements ServerEvent {
        public History {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(said, "said");
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /**
     * A line of a room other than the default one ({@link RoomName#DEFAULT}, whose lines carry no room, as
     * before there were rooms): {@code IN #room} and the line, one of the kinds a room has ({@code INFO}: a
     * notice to the room, such as a new operator).
     */
    record InRoom(String room, ServerEvent event) implements ServerEvent {
        public InRoom {
            if (!RoomName.isValid(room) || new RoomName(room).isDefault()) {
                throw new IllegalArgumentException("not a room whose lines say it: " + room);
            }
            if (!(event instanceof PublicLine) && !(event instanceof Join)
                    && !(event instanceof Leave) && !(event instanceof History) && !(event instanceof Topic)
                    && !(event instanceof Info)) {
                throw new IllegalArgumentException("a room has no line like " + event);
            }
        }
    }

    /** A room's topic, set by {@code setter}; sent when it is set, and to whoever asks or joins. */
    record Topic(String setter, String text) implements ServerEvent {
        public Topic {
            Check.name(setter);
            Check.text(text);
        }
    }

    /** One room of a {@code /rooms} answer: its members, whether it is invite-only, its topic. */
    record Room(String room, int members, boolean inviteOnly, String topic) implements ServerEvent {
        public Room {
            if (!RoomName.isValid(room) || members < 0) {
                throw new IllegalArgumentException("invalid room line: " + room + " " + members);
            }
            Check.text(topic);
        }
    }

    /** The end of a {@code /rooms} answer: how many {@link Room} lines it had. */
    record Rooms(int count) implements ServerEvent {
        public Rooms {
            if (count < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
    }

    /**
     * Who is in {@code room}, sorted ignoring case; {@code operators} are those of them who run it, {@code voiced}
     * those who may speak while it is moderated.
     */
    record Members(String room, List<String> names, List<String> operators, List<String> voiced) implements ServerEvent {
        public Members {
            if (!RoomName.isValid(room)) {
                throw new IllegalArgumentException("invalid room: " + room);
            }
            names = List.copyOf(names);
            operators = List.copyOf(operators);
            voiced = List.copyOf(voiced);
            names.forEach(Check::name);
            if (!names.containsAll(operators) || !names.containsAll(voiced)) {
                throw new IllegalArgumentException("an operator or voiced member who is not a member");
            }
        }

        /** Without voiced members, as most rooms are. */
        public Members(String room, List<String> names, List<String> operators) {
            this(room, names, operators, List.of());
        }
    }

    /** {@code from}, an operator of invite-only {@code room}, lets this member in: {@code /join} it now works. */
    record Invite(String from, String room) implements ServerEvent {
        public Invite {
            Check.name(from);
            if (!RoomName.isValid(room)) {
                throw new IllegalArgumentException("invalid room: " + room);
            }
        }
    }

    /**
     * The end of a {@code /history} answer: {@code count} {@code HISTORY} lines of {@code room} came before it,
     * oldest first; {@code more}: older lines are kept, and the next {@code /history} of the room gives them.
     */
    record HistoryEnd(String room, int count, boolean more) implements ServerEvent {
        public HistoryEnd {
            if (!RoomName.isValid(room) || count < 0) {
                throw new IllegalArgumentException("invalid history end: " + room + " " + count);
            }
        }
    }

    /**
     * One line of a {@code /search} answer, the newest first: {@code said} in {@code room}, at {@code at}
     * (whole seconds).
     */
    record Found(Instant at, String room, PublicLine said) implements ServerEvent {
        public Found {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(said, "said");
            if (!RoomName.isValid(room)) {
                throw new IllegalArgumentException("invalid room: " + room);
            }
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /**
     * A private line that waited for this member while it was away (its name registered), given at its login:
     * {@code line} as it was sent, at {@code at} (whole seconds). Oldest first, after the login's own lines.
     */
    record Waited(Instant at, Private line) implements ServerEvent {
        public Waited {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(line, "line");
            at = at.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /**
     * Given at the login of a registered name (with its password) that has been here before: {@code count} public
     * lines were said in the default room by others since it was last online, at {@code since} (whole seconds).
     * The last of them are among the login's {@code HISTORY} lines; {@code /history} pages back through the rest.
     */
    record Missed(int count, Instant since) implements ServerEvent {
        public Missed {
            Objects.requireNonNull(since, "since");
            if (count < 0) {
                throw new IllegalArgumentException("negative count");
            }
            since = since.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** The end of a {@code /search} answer: how many {@link Found} lines it had. */
    record FoundEnd(int count) implements ServerEvent {
        public FoundEnd {
            if (count < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }
    }

    /** The last line before the server closes the connection. */
    record Bye(String text) implements ServerEvent {
        /** How the goodbye of a member an operator removed begins ({@code kicked by alice: spam}). */
        public static final String KICKED_BY = "kicked by ";
        public static final String BANNED_BY = "banned by ";

        public Bye {
            Check.text(text);
        }

        /** Whether an operator removed this member: a client does not come back on its own then. */
        public boolean removedByOperator() {
            return text.startsWith(KICKED_BY) || text.startsWith(BANNED_BY);
        }
    }
}
