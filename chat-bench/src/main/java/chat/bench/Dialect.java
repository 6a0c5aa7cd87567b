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
        byte[] login(String run, int id) {
            return ascii("b" + run + id + "\n");
        }

        @Override
        boolean completesLogin(String line) {
            return line.startsWith("WELCOME ");
        }
    },
    /**
     * {@code ncat --broker --chat}: no login; lines are relayed to the others prefixed {@code <userN> }. A
     * connection counts only once ncat has accepted it, which its first {@code <announce>} line shows: a
     * completed TCP connect is not enough, as it may still wait in the listen backlog.
     */
    NCAT(false) {
        @Override
        byte[] login(String run, int id) {
            return new byte[0];
        }

        @Override
        boolean completesLogin(String line) {
            return line.startsWith("<announce> ");
        }
    },
    /** IRC: NICK, USER and JOIN a channel; PRIVMSG to the channel; no echo to the sender. */
    IRC(false) {
        @Override
        byte[] login(String run, int id) { // without the tag: nicknames are short, and ngircd frees them at once
            return ascii("NICK b" + id + "\r\nUSER b" + id + " 0 * :bench\r\nJOIN #bench\r\n");
        }

        @Override
        boolean completesLogin(String line) {
            return line.contains(" 366 "); // end of the channel's NAMES: joined
        }

        @Override
        byte[] message(String payload) {
            return ascii("PRIVMSG #bench :" + payload + "\r\n");
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

    /** What client {@code id} of the run tagged {@code run} sends to log in (if anything). */
    abstract byte[] login(String run, int id);

    abstract boolean completesLogin(String line);

    /** The bytes that send {@code payload} as a message: a plain line, unless the dialect wraps it. */
    byte[] message(String payload) {
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
