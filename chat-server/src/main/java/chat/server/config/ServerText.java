package chat.server.config;

import chat.common.protocol.Protocol;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The sentences the server sends people, other than error texts (those are in ErrorCode). */
public final class ServerText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public static final String HELLO =
            "chat server, protocol " + Protocol.VERSION + ". Send your username (" + Username.RULE + ")";

    public static final List<String> HELP = List.of(
            "Commands:",
            "  text            send text to everyone",
            "  /msg NAME text  send text to NAME only",
            "  /me action      say what you do: /me waves",
            "  /notice #ROOM|NAME text  a notice, for bots: never to be answered by a program",
            "  /list           show who is online",
            "  /help           show this help",
            "  /quit [reason]  leave (or type: quit)",
            "  /say text       send text as it is, even 'quit' or '/msg ...'",
            "  //text          send text that starts with /",
            "  /whois NAME     who NAME is",
            "  /register       keep your name: the client asks for a password (with nc: /register PASSWORD)",
            "  /password       change your name's password (with nc: /password NEW)",
            "  /unregister     release your name",
            "  /oper NAME      moderate with NAME's powers (the client asks for NAME's password; with nc: /oper NAME PASSWORD)",
            "  /send NAME PATH send NAME a file (the chat client; /transfers lists yours)",
            "  /accept ID, /decline ID  answer a file offered to you",
            "  /cancel ID      stop a file transfer, yours or to you",
            "Rooms (you are always in #general; lines you type go to the room you last joined):",
            "  /join ROOM      join ROOM (or make it: you run it then) and talk there",
            "  /part [ROOM]    leave ROOM, or the room you talk in",
            "  /rooms          list the rooms; /names [ROOM] who is in one",
            "  /topic [#ROOM] [text]  show the topic, or set it (the room's operators; -delete: none)",
            "  /to ROOM text   say text in ROOM, wherever you talk",
            "  /invite NAME [ROOM], /invite-only [#ROOM] on|off, /op and /deop [#ROOM] NAME,",
            "  /moderated [#ROOM] on|off (only operators and the voiced speak), /voice and /devoice [#ROOM] NAME,",
            "  /secret [#ROOM] on|off (not listed for those not in it),",
            "  /remove [#ROOM] NAME [reason], /topic-lock [#ROOM] off (all set the topic)  for a room's operators");

    public static final List<String> OPERATOR_HELP = List.of(
            "Operators:",
            "  /kick NAME [reason]                 disconnect NAME",
            "  /ban NAME|ADDRESS[/PREFIX] [30m|2h|7d] [reason]  keep them out, for a while or for ever",
            "  /unban NAME|ADDRESS[/PREFIX]        lift a ban",
            "  /bans                               list the bans",
            "  /purge NAME                         take NAME's lines out of the history newcomers see",
            "  /close ROOM [reason]                close a room: everyone in it leaves it");

    public static final String SERVER_PASSWORD = "this server is private; send its password";

    public static final String BYE_QUIT = "goodbye";
    public static final String BYE_TOO_SLOW = "too slow: you fell too far behind reading messages";
    public static final String BYE_LOGIN_TIMEOUT = "login timeout: no valid name was chosen in time";
    public static final String BYE_SHUTDOWN = "server shutting down";
    public static final String BYE_FLOODING = "flooding: too many lines over the rate limit";
    public static final String BYE_WRITE_TIMEOUT = "write timeout: the connection stopped taking data";
    public static final String BYE_FULL = "server full";
    public static final String BYE_TOO_MANY_FROM_IP = "too many connections from your address";
    public static final String BYE_TOO_MANY_LOGGING_IN = "too many connections are logging in; try again in a few seconds";
    public static final String BYE_TOO_MANY_LOGGING_IN_FROM_IP = "too many connections from your address are logging in";
    public static final String BYE_THROTTLED = "too many new connections from your address";
    public static final String BYE_BUSY = "server busy";
    public static final String BYE_NOT_CHAT = "not a chat client";
    public static final String BYE_TLS_REQUIRED = "TLS required";
    public static final String BYE_BANNED = "banned";
    /** A node that was cut off found its member's name taken on another node meanwhile. */
    public static final String NAME_LOST = "your name was taken on another server while this one was cut off from the chat";
    /** Announced if a member's node stops answering (docs/OPERATIONS.md, "Several nodes"). */
    public static final String LEFT_WITH_NODE = "connection lost: its server stopped answering";
    public static final String LINK_DOWN = "This server has lost its link to the rest of the chat. Until it is back, "
            + "private lines to people on other servers and /list are refused at once; your public lines wait and go out "
            + "when it is back (if it stays away long, they are refused too).";
    /** Told to a node's members when lines of the chat were trimmed before the node read them. */
    public static String missed(long lines) {
        return lines + (lines == 1 ? " line" : " lines") + " of the chat (public lines, joins or leaves) never reached "
                + "this server: it fell too far behind the others. Its operator's log says more.";
    }

    public static final String LINK_UP = "The link to the rest of the chat is back; lines held meanwhile are on their way.";

    public static String namePassword(String name) {
        return name + " is registered; send its password";
    }

    public static String welcome(String name) {
        return "Welcome, " + name + "! Type /help for commands, /list to see who is here.";
    }

    /** What everyone is told of a member a ban removes: who made it ({@code by}) and its {@code terms}. */
    public static String bannedBy(String by, String terms) {
        return ServerEvent.Bye.BANNED_BY + by + terms;
    }

    /** A moment as people are told it (when someone came online, when a ban was made), in UTC. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    private ServerText() {}
}
