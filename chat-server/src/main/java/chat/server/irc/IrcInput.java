package chat.server.irc;

import chat.common.io.BoundedLineReader;
import chat.common.io.LineTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An IRC client's lines, read from its socket, as the chat's own lines: what the session reads. Each IRC line is
 * translated when the session asks for more (so the session's pacing holds back reading IRC lines too); one that
 * is answered here alone gives an empty line, which the chat ignores but counts against the line allowance, so a
 * PING flood is held back like any flood. Before login, where an empty line would give up a password, it gives
 * none, and a client gets {@value #MAX_LINES_BEFORE_LOGIN} lines to log in.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD (IRC clients set to Latin-1 are not understood, but cannot harm), so
 * what the chat reads is always UTF-8. One reader thread owns it.
 */
final class IrcInput extends InputStream {
    static final int MAX_LINES_BEFORE_LOGIN = 100;
    /** Lines of the chat handed on at once, at most. */
    private static final int BURST_LINES = 64;

    private final BoundedLineReader lines;
    private final IrcCommands commands;
    private final Runnable tooLong;
    private byte[] ready = new byte[0]; // translated, not yet read
    private int at;
    private int linesBeforeLogin;
    private String held; // read ahead, not yet translated: the next IRC line
    private boolean loggedIn;

    /** @param tooLong answers a line over IRC's limit, which is dropped */
    IrcInput(InputStream socket, IrcCommands commands, Runnable tooLong) {
        this.lines = new BoundedLineReader(socket, IrcMessage.MAX_CLIENT_TAG_BYTES + IrcMessage.MAX_BYTES);
        this.commands = commands;
        this.tooLong = tooLong;
    }

    /** Lines the chat is to read next, before any more of the client's (a password asked for while logging in). */
    void inject(List<String> chatLines) {
        if (!chatLines.isEmpty()) {
            byte[] more = encode(chatLines);
            byte[] joined = new byte[ready.length - at + more.length];
            System.arraycopy(ready, at, joined, 0, ready.length - at);
            System.arraycopy(more, 0, joined, ready.length - at, more.length);
            ready = joined;
            at = 0;
        }
    }

    void loggedIn() {
        loggedIn = true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (at == ready.length) {
            if (!loggedIn && ++linesBeforeLogin > MAX_LINES_BEFORE_LOGIN) {
                return -1; // talked long enough without logging in: the session ends as for a closed connection
            }
            String line = held;
            held = null;
            try {
                if (line == null) {
                    line = lines.readLine();
                }
            } catch (LineTooLongException e) {
                tooLong.run();
                ready = loggedIn ? new byte[] {'\n'} : new byte[0];
                at = 0;
                continue;
            }
            if (line == null) {
                return -1;
            }
            List<String> chatLines = new ArrayList<>(translate(line));
            // After login, a run of PRIVMSGs the client sent in one go is handed on in one go, so the session batches
            // it as it does the chat's own clients' lines (one wake-up of each recipient's writer per burst, not per
            // line). Anything else ends the run and waits for the session to have acted on it: an answer given here
            // (a PING's PONG) must not overtake the chat's answers to the lines before it.
            while (loggedIn && chatLines.size() < BURST_LINES && lines.hasBufferedLine()) {
                String next;
                try {
                    next = lines.readLine();
                } catch (LineTooLongException e) {
                    tooLong.run();
                    chatLines.add("");
                    continue;
                }
                IrcMessage message = IrcMessage.parse(next);
                if (message == null || !message.command().equals("PRIVMSG")) {
                    held = next;
                    break;
                }
                chatLines.addAll(translate(next));
            }
            ready = chatLines.isEmpty() ? new byte[0] : encode(chatLines);
            at = 0;
        }
        int n = Math.min(len, ready.length - at);
        System.arraycopy(ready, at, b, off, n);
        at += n;
        return n;
    }

    /** The chat's lines for one IRC line; after login an empty one for a line answered here, so it is paced too. */
    private List<String> translate(String line) {
        IrcMessage message = IrcMessage.parse(line);
        if (message != null && message.tagBytes() > IrcMessage.MAX_CLIENT_TAG_BYTES) {
            tooLong.run(); // IRCv3 message-tags: the whole line is refused, not relayed without its tags
            message = null;
        }
        List<String> chatLines = message == null ? List.of() : commands.translate(message);
        return chatLines.isEmpty() && loggedIn ? List.of("") : chatLines;
    }

    @Override
    public int available() {
        return ready.length - at;
    }

    private static byte[] encode(List<String> chatLines) {
        StringBuilder joined = new StringBuilder();
        for (String line : chatLines) {
            joined.append(line).append('\n');
        }
        return joined.toString().getBytes(StandardCharsets.UTF_8);
    }
}
