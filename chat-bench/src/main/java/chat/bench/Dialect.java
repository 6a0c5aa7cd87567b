package chat.bench;

import java.nio.charset.StandardCharsets;

/**
 * How one kind of server is spoken to: how a client logs in, how a message is sent, and whether the sender
 * gets its own message back. The payload the generator checks is the same for all.
 */
enum Dialect {
    /**
     * Our protocol: a name, then plain lines; every message is echoed to its sender too. The names carry
     * the run's tag: a run that follows another at once must not find its names still held by sessions
     * the server is closing (on JDK 17, 7 of 5,000 logins of (d) did).
     */
    CHAT(true) {
        @Override
        byte[] login(String run, int id, int room) { // in a room: its lines go there, the room it joined last
            return ascii("b" + run + id + "\n" + (room < 0 ? "" : "/join " + channel(room) + "\n"));
        }

        @Override
        boolean completesLogin(String line, int room) {
            return room < 0 ? line.startsWith("WELCOME ") : line.startsWith("MEMBERS " + channel(room) + " ");
        }
    },
    /**
     * {@code ncat --broker --chat}: no login; lines are relayed to the others prefixed {@code <userN> }. A
     * connection counts only once ncat has accepted it, which its first {@code <announce>} line shows: a
     * completed TCP connect is not enough, as it may still wait in the listen backlog.
     */
    NCAT(false) {
        @Override
        byte[] login(String run, int id, int room) {
            return new byte[0];
        }

        @Override
        boolean completesLogin(String line, int room) {
            return line.startsWith("<announce> ");
        }
    },
    /** IRC: NICK, USER and JOIN a channel; PRIVMSG to the channel; no echo to the sender. */
    IRC(false) {
        @Override
        byte[] login(String run, int id, int room) {
            // with the run's tag as the chat's names have it: a server that frees a nick only once it has seen the
            // last run's connection close (ours) would refuse a few of the next run's nicks (433) if they came back
            return ascii("NICK b" + run + id + "\r\nUSER b" + id + " 0 * :bench\r\nJOIN " + ircChannel(room) + "\r\n");
        }

        @Override
        boolean completesLogin(String line, int room) {
            // the end of its channel's NAMES: joined (a server may have put it in another channel first, as the chat does)
            return line.contains(" 366 ") && line.contains(" " + ircChannel(room) + " ");
        }

        @Override
        byte[] message(String payload, int room) {
            return ascii("PRIVMSG " + ircChannel(room) + " :" + payload + "\r\n");
        }

        @Override
        byte[] reply(String line) {
            return line.startsWith("PING ") ? ascii("PONG " + line.substring(5) + "\r\n") : null;
        }
    };

    private final boolean echoes;

    Dialect(boolean echoes) {
        this.echoes = echoes;
    }

    /** Whether a sender receives its own messages. */
    boolean echoes() {
        return echoes;
    }

    /** What client {@code id} of the run tagged {@code run} sends to log in (if anything), and to join {@code room} (-1: none). */
    abstract byte[] login(String run, int id, int room);

    /** Whether {@code line} shows the client logged in, and in {@code room} if it is not -1. */
    abstract boolean completesLogin(String line, int room);

    /** The name of room {@code room} of a run: {@code #r7}. */
    static String channel(int room) {
        return "#r" + room;
    }

    private static String ircChannel(int room) {
        return room < 0 ? "#bench" : channel(room);
    }

    /** The bytes that send {@code payload} as a message in {@code room}: a plain line, unless the dialect wraps it. */
    byte[] message(String payload, int room) {
        return ascii(payload + "\n");
    }

    /** What to answer to a line the server requires an answer to (IRC's PING), or null. */
    byte[] reply(String line) {
        return null;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
