package chat.client.core;

import java.util.List;

/**
 * The sentences both faces say for the core's decisions, in one place (as {@code ServerText} is for the
 * server's), so the terminal and the window never word the same thing twice. A face adds only what is its
 * own: how to answer ({@code [y/N]}, a dialog's buttons) and its key for cancelling.
 */
public final class ClientText {
    public static final String LINE_TOO_LONG = "Not sent: the line is longer than the server takes; split it.";
    public static final String PASTE_NOT_SENT = "Paste not sent.";
    public static final String WINDOW_USAGE = "Usage: /window N, /window next or /window prev (Alt+1..9, Ctrl+N, Ctrl+P)";
    public static final String TRUST_ADVICE = "Compare it with the one the server's operator gave you (the server logs it at start).";
    public static final String TRUST_QUESTION = "Trust it and remember it?";

    private ClientText() {}

    /** A typed line that could not go: {@code reason} as the connection says it. */
    public static String notSent(String reason, String line) {
        return "Not sent (" + reason + "): " + line;
    }

    /** A paste some of whose lines the server would refuse. */
    public static String pasteTooLong(int tooLong) {
        return "Paste not sent: " + tooLong + " of its lines are longer than the server takes.";
    }

    /** The question before a long paste goes to everyone. */
    public static String askPaste(int lines) {
        return "Send " + lines + " lines to everyone?";
    }

    /** A paste on its way; {@code cancelKey} is how this face stops it. */
    public static String sendingPaste(int lines, String cancelKey) {
        return "Sending " + lines + " lines... (" + cancelKey + " cancels)";
    }

    /** A paste that ended: all of it sent, or cancelled after {@code sent} lines. */
    public static String pasteEnded(int sent, int lines) {
        return sent == lines ? "Sent " + sent + " lines." : "Paste cancelled: sent " + sent + " of " + lines + " lines.";
    }

    /** A paste the connection stopped. */
    public static String pasteStopped(String reason) {
        return "Paste stopped (" + reason + ").";
    }

    /** The status while the connection is tried again: {@code detail} says why, and when next. */
    public static String reconnecting(String detail) {
        return "Reconnecting: " + detail;
    }

    public static String connectionLost(String detail) {
        return "Connection lost: " + detail;
    }

    /** {@code detail}: "as alice". */
    public static String reconnected(String detail) {
        return "Reconnected " + detail;
    }

    /** The question before a password crosses the network unencrypted; {@code what}: "the password for alice ...". */
    public static String unencrypted(String server, String what) {
        return "The connection to " + server + " is not encrypted: anyone on the way can read " + what
                + ". Send it anyway?";
    }

    /** A login the person gave no password for ({@code forWhat}: an account, or "the server host:port"). */
    public static String noPassword(String forWhat) {
        return "no password was given for " + forWhat + ", so the server did not let you in";
    }

    /** While the server hashes a new password (a second or two, on purpose). */
    public static String hashing(String name) {
        return "Setting the password of " + name + "... (the server takes a second or two to store it safely)";
    }

    /** The first sight of a server's certificate: what the person is asked to check. */
    public static String newServer(String server) {
        return "The server " + server + " is new here. Its certificate's fingerprint is:";
    }

    /**
     * The row of windows: each conversation by number, the current one in brackets, with its unseen lines
     * ({@code (3)}, {@code (3!)} when one wants attention): {@code [1:#general] 2:#dev(3) 3:alice(1!)}.
     */
    public static String windows(List<Conversations.Summary> all, Conversations.Key current) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            Conversations.Summary c = all.get(i);
            String entry = (i + 1) + ":" + c.key().name()
                    + (c.unread() > 0 ? "(" + c.unread() + (c.attention() ? "!" : "") + ")" : "");
            row.append(i == 0 ? "" : " ").append(c.key().equals(current) ? "[" + entry + "]" : entry);
        }
        return row.toString();
    }
}
