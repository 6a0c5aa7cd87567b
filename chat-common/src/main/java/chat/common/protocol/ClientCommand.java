package chat.common.protocol;

import java.time.Duration;

/**
 * What one line typed by a client means; one record per form of docs/PROTOCOL.md, "Client to server".
 *
 * <p>{@link CommandParser} is the only code that turns a line into one of these.
 */
public sealed interface ClientCommand {

    /** Plain text, or text escaped with {@code //}: a public message. */
    record Say(String text) implements ClientCommand {}

    /** {@code /msg NAME text}. The name is as typed; it need not be valid or online. */
    record PrivateMsg(String to, String text) implements ClientCommand {}

    /** {@code /me text}: an action, shown as "* name text". */
    record Me(String text) implements ClientCommand {}

    /**
     * {@code /notice TARGET text}: a notice to a room ({@code #room}, {@code #general} included) or to a name
     * (a private one). The target is as typed.
     */
    record Notice(String target, String text) implements ClientCommand {
        /** Whether the notice is to a room rather than to a name. */
        public boolean toRoom() {
            return target.startsWith("#");
        }
    }

    /** {@code /list}. */
    record ListUsers() implements ClientCommand {}

    /** {@code /help}. */
    record Help() implements ClientCommand {}

    /** {@code /quit [reason]} or exactly {@code quit}; the reason may be empty. */
    record Quit(String reason) implements ClientCommand {}

    /** {@code /register PASSWORD}: claims the member's current name with a password. */
    record Register(String password) implements ClientCommand {
        @Override
        public String toString() {
            return "Register[password hidden]"; // a command may be logged; a password never
        }
    }

    /** {@code /password NEW}: a registered member changes its password. */
    record ChangePassword(String password) implements ClientCommand {
        @Override
        public String toString() {
            return "ChangePassword[password hidden]";
        }
    }

    /**
     * {@code /oper NAME PASSWORD}: takes an operator's powers for this session with that operator's name and
     * password, whatever name the member is logged in under (IRC's {@code OPER}).
     */
    record Oper(String name, String password) implements ClientCommand {
        /** The {@code INFO} text that answers it when it worked (docs/PROTOCOL.md), also to an operator already. */
        public static final String DONE = "You are an operator now.";

        @Override
        public String toString() {
            return "Oper[" + name + ", password hidden]";
        }
    }

    /** {@code /unregister}: a registered member releases its name. */
    record Unregister() implements ClientCommand {}

    /** {@code /whois NAME}: who that member is (an operator also sees the address). */
    record Whois(String name) implements ClientCommand {}

    /** {@code /purge NAME}, for operators: NAME's lines leave the history newcomers are shown. */
    record Purge(String name) implements ClientCommand {}

    /** {@code /kick NAME [reason]}, for operators; the reason may be empty. */
    record Kick(String name, String reason) implements ClientCommand {}

    /**
     * {@code /ban NAME|ADDRESS|ADDRESS/PREFIX [DURATION] [reason]}, for operators.
     *
     * @param duration how long, or null for ever
     */
    record Ban(String target, Duration duration, String reason) implements ClientCommand {}

    /** {@code /unban NAME|ADDRESS|ADDRESS/PREFIX}, for operators. */
    record Unban(String target) implements ClientCommand {}

    /** {@code /bans}, for operators: the bans in force. */
    record ListBans() implements ClientCommand {}

    /**
     * {@code /offer NAME SIZE SHA256 FILENAME}: offers a file of {@code size} bytes to {@code to}. A client
     * sends it for what a person types as {@code /send NAME PATH}.
     */
    record Offer(String to, long size, String sha256, String fileName) implements ClientCommand {}

    /** {@code /accept ID}: the recipient takes the file offered. */
    record Accept(long id) implements ClientCommand {}

    /** {@code /decline ID}: the recipient refuses the file offered. */
    record Decline(long id) implements ClientCommand {}

    /** {@code /cancel ID}: either end stops a transfer, offered or running. */
    record Cancel(long id) implements ClientCommand {}

    // Rooms (docs/PROTOCOL.md, "Rooms"). A room is as typed, with or without its '#'; "" is the current room.

    /** {@code /join ROOM}: joins ROOM (making it if there is none) and makes it the current room. */
    record Join(String room) implements ClientCommand {}

    /** {@code /part [ROOM [reason]]}: leaves ROOM, or the current room; the reason may be empty. */
    record Part(String room, String reason) implements ClientCommand {}

    /** {@code /rooms}: the rooms this member may see. */
    record ListRooms() implements ClientCommand {}

    /**
     * {@code /topic [#ROOM] [text]}: with text sets the room's topic, without shows it; {@value #DELETE} as the
     * text takes it away (as irssi's and WeeChat's {@code /topic -delete}).
     */
    record Topic(String room, String text) implements ClientCommand {
        public static final String DELETE = "-delete";

        /** The topic a {@code /topic} with {@code text} sets: none (empty, as it is told) for {@link #DELETE}. */
        public static String setTo(String text) {
            return text.equals(DELETE) ? "" : text;
        }
    }

    /** {@code /names [ROOM]}: who is in the room. */
    record Names(String room) implements ClientCommand {}

    /** {@code /to ROOM line}: a public line ({@link Say} or {@link Me}) to ROOM, whatever the current room. */
    record To(String room, ClientCommand line) implements ClientCommand {
        public To {
            if (!(line instanceof Say) && !(line instanceof Me)) {
                throw new IllegalArgumentException("/to carries text or /me, not " + line);
            }
        }
    }

    /** {@code /invite NAME [ROOM]}: a room operator lets NAME into an invite-only room. */
    record Invite(String name, String room) implements ClientCommand {
        /** The {@code INFO} text that answers it when it worked: NAME may join ROOM now. */
        public static String done(String name, String room) {
            return name + " may join " + room + " now";
        }

        /** The {@code INFO} text that answers it when NAME is in ROOM already (nothing is done). */
        public static String inAlready(String name, String room) {
            return name + " is in " + room + " already";
        }
    }

    /** {@code /invite-only [#ROOM] on|off}: a room operator closes the room to all but the invited, or opens it. */
    record InviteOnly(String room, boolean on) implements ClientCommand {}

    /**
     * {@code /topic-lock [#ROOM] on|off}: a room operator lets only operators set the topic (as rooms begin), or
     * every member (IRC's {@code -t}).
     */
    record TopicLock(String room, boolean on) implements ClientCommand {}

    /**
     * {@code /moderated [#ROOM] on|off}: a room operator lets only the room's operators and voiced members speak
     * in it (IRC's {@code +m}), or everyone.
     */
    record Moderated(String room, boolean on) implements ClientCommand {}

    /**
     * {@code /secret [#ROOM] on|off}: a room operator keeps the room out of {@code /rooms} and {@code /names} for
     * those not in it (IRC's {@code +s}), as an invite-only room is, or shows it again.
     */
    record Secret(String room, boolean on) implements ClientCommand {}

    /** {@code /op [#ROOM] NAME} and {@code /deop [#ROOM] NAME}: a room operator names another, or takes it back. */
    record RoomOperator(String room, String name, boolean grant) implements ClientCommand {}

    /** {@code /voice [#ROOM] NAME} and {@code /devoice [#ROOM] NAME}: a room operator lets a member speak in a moderated room, or no longer. */
    record Voice(String room, String name, boolean grant) implements ClientCommand {}

    /** {@code /remove [#ROOM] NAME [reason]}: a room operator sends NAME out of the room. */
    record Remove(String room, String name, String reason) implements ClientCommand {}

    /** {@code /close ROOM [reason]}, for server operators: everyone leaves ROOM and it is gone. */
    record CloseRoom(String room, String reason) implements ClientCommand {}

    // What the server keeps (docs/PROTOCOL.md, "History and search").

    /**
     * {@code /history [#ROOM] [N]}: N earlier lines of ROOM ("" : the current room), the newest first time and
     * the N before those each time after; {@code count} 0: the server's default.
     */
    record History(String room, int count) implements ClientCommand {}

    /** {@code /search [#ROOM] text}: the newest lines holding {@code text}, in ROOM or ("") in every room of the member's. */
    record Search(String room, String text) implements ClientCommand {}

    /** An empty or all-blank line: ignored. */
    record Blank() implements ClientCommand {}

    /** A known command used wrongly; {@code usage} shows the right form. */
    record Malformed(String usage) implements ClientCommand {}

    /** {@code /word} that is not a command. */
    record Unknown(String command) implements ClientCommand {}
}
