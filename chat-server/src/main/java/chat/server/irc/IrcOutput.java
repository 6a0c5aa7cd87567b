package chat.server.irc;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ProtocolException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an IRC connection's outbox writes: the chat's lines come in, IRC's go out to the socket. A line that
 * starts with {@link #RAW} is already IRC (an answer the reader gave on the spot, queued in order with the rest);
 * no line of the chat can start so, as no line it sends holds a control character. The outbox hands it each array
 * it queued as it is ({@link IrcDialect#outputGathers()}) and the IRC lines are gathered here until its flush, one
 * write to the socket for all (or one each {@value #SEND_BYTES} bytes). One writer at a time owns it.
 */
final class IrcOutput extends OutputStream {
    private static final Logger log = LoggerFactory.getLogger(IrcOutput.class);
    static final byte RAW = 0;
    /** A line of this byte alone: the client ended capability negotiation, so a welcome held for it goes now. */
    static final byte RELEASE = 1;
    /** Lines held for the end of negotiation, at most: a client that never ends it is sent them anyway. */
    private static final int MAX_HELD_BYTES = 256 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    /** What is gathered goes to the socket at this size, flush or not: a batch of history is not held whole. */
    static final int SEND_BYTES = 16 * 1024;

    private final OutputStream socket;
    private final IrcReplies replies;
    private final RelayedLines relays;
    private final IrcBytes cut = new IrcBytes(256); // a line of the chat cut by the end of a write (the outbox writes whole ones)
    private final IrcBytes out = new IrcBytes(1024); // IRC lines of this write
    private final IrcBytes held = new IrcBytes(0); // the chat's, after a welcome during negotiation
    private final IrcBytes scratch = new IrcBytes(0); // a broadcast's IRC form made to be shared (share())
    // Where the name of the line relayed() last copied lies in it: its speaker, for share().
    private int nameAt;
    private int nameLength;

    IrcOutput(OutputStream socket, IrcReplies replies, RelayedLines relays) {
        this.socket = socket;
        this.replies = replies;
        this.relays = relays;
    }

    /** The line that tells this stream that negotiation ended. */
    static byte[] releaseLine() {
        return new byte[] {RELEASE, '\n'};
    }

    /** An IRC line for {@code RAW} delivery through the outbox. */
    static byte[] raw(IrcMessage message) {
        byte[] text = message.encode().getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[text.length + 2];
        framed[0] = RAW;
        System.arraycopy(text, 0, framed, 1, text.length);
        framed[framed.length - 1] = '\n';
        return framed;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Translates the chat's lines in {@code b} where they lie (no copy of a line), or copies their IRC form if
     * another IRC client's writer left it in {@link RelayedLines}, and gathers IRC's for the flush.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        boolean whole = off == 0 && len == b.length && cut.size() == 0;
        if (whole && replies.plain()) {
            RelayedLines.Relayed relayed = relays.find(b);
            if (relayed == null) {
                relayed = share(b); // the first IRC writer of a broadcast makes its common form for all
            }
            if (relayed != null && !replies.isMe(relayed.speaker)) {
                byte[] lines = replies.tagsTime() ? relayed.tagged() : relayed.irc;
                out.add(lines, 0, lines.length);
                sendIfFull();
                return;
            }
        }
        int end = off + len;
        int from = off;
        for (int newline = indexOf(b, '\n', from, end); newline >= 0; newline = indexOf(b, '\n', from, end)) {
            if (cut.size() == 0) {
                translate(b, from, newline);
            } else {
                cut.add(b, from, newline - from);
                translate(cut.array(), 0, cut.size());
                cut.clear();
            }
            from = newline + 1;
        }
        cut.add(b, from, end - from);
        sendIfFull();
    }

    /**
     * The common IRC form of the whole array {@code b}, made apart and kept for the others: null if some line of
     * it is not every IRC client's alike (its own, one IRC needs split, several speakers, not a public line).
     */
    private RelayedLines.Relayed share(byte[] b) {
        scratch.clear();
        int speakerAt = -1;
        int speakerLength = 0;
        int from = 0;
        for (int newline = indexOf(b, '\n', from, b.length); newline >= 0; newline = indexOf(b, '\n', from, b.length)) {
            int before = scratch.size();
            if (!relayed(b, from, newline, scratch) || scratch.size() == before) {
                return null; // not a public line IRC takes whole, or this client's own (dropped or echoed)
            }
            if (speakerAt < 0) {
                speakerAt = nameAt;
                speakerLength = nameLength;
            } else if (!Arrays.equals(b, nameAt, nameAt + nameLength, b, speakerAt, speakerAt + speakerLength)) {
                return null; // lines of several speakers (a cluster's stream): each of them would need its own
            }
            from = newline + 1;
        }
        if (from != b.length || speakerAt < 0) {
            return null;
        }
        String speaker = new String(b, speakerAt, speakerLength, StandardCharsets.UTF_8);
        RelayedLines.Relayed relayed = new RelayedLines.Relayed(b, Arrays.copyOf(scratch.array(), scratch.size()), speaker, Instant.now());
        relays.keep(relayed);
        return relayed;
    }

    /** Sends what this batch of the outbox gathered, with what was held for a topic, in one write. */
    @Override
    public void flush() throws IOException {
        for (IrcMessage m : replies.endOfWrite()) {
            m.writeTo(replies.holding() ? held : out);
        }
        send();
        socket.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            send();
        } finally {
            socket.close();
        }
    }

    private void sendIfFull() throws IOException {
        if (out.size() >= SEND_BYTES) {
            send();
        }
    }

    private void send() throws IOException {
        if (out.size() > 0) {
            out.writeTo(socket);
            out.clear();
        }
    }

    /** Translates the chat's line {@code line[from..to)} (its newline left out). */
    private void translate(byte[] line, int from, int to) {
        if (to - from == 1 && line[from] == RELEASE) {
            release();
            return;
        }
        if (to > from && line[from] == RAW) {
            out.add(line, from + 1, to - from - 1);
            out.add(CRLF, 0, 2);
            return;
        }
        if (replies.plain() && !replies.tagsTime() && relayed(line, from, to, out)) {
            return;
        }
        boolean wasHolding = replies.holding();
        List<IrcMessage> messages;
        try {
            messages = replies.translate(EventCodec.decodeLine(Arrays.copyOfRange(line, from, to)));
        } catch (ProtocolException | RuntimeException e) {
            log.warn("A line for an IRC client could not be translated, so it was not sent: {}", e.getMessage());
            return;
        }
        for (IrcMessage m : messages) {
            // a welcome during negotiation: SASL's answer goes now, the welcome (001) and what follows at its end
            m.writeTo(replies.holding() && (wasHolding || !m.command().startsWith("90")) ? held : out);
        }
        if (held.size() > MAX_HELD_BYTES) {
            release();
        }
    }

    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IN = "IN #".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GENERAL = "#general".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASK_HOST = ("@" + IrcConnection.HOST + " PRIVMSG ").getBytes(StandardCharsets.US_ASCII);

    /**
     * The common line {@code line[from..to)}, a public line ({@code MSG} or {@code IN #room MSG}), copied into its
     * IRC form byte for byte, into {@code into}: most of what an IRC client is sent, at the cost of a copy rather
     * than a parse and an encode; the member's own, which the chat echoes, dropped unless the client asked for
     * echoes. Anything else, an echo asked for, or a line IRC would need cut, is left to {@link IrcReplies} (false).
     */
    private boolean relayed(byte[] line, int from, int to, IrcBytes into) {
        int at = from;
        int roomStart = -1;
        int roomEnd = -1;
        if (startsWith(line, at, to, IN)) {
            roomStart = at + 3;
            roomEnd = indexOf(line, ' ', roomStart, to);
            if (roomEnd < 0) {
                return false;
            }
            at = roomEnd + 1;
        }
        if (!startsWith(line, at, to, MSG)) {
            return false;
        }
        int nameStart = at + MSG.length;
        int nameEnd = indexOf(line, ' ', nameStart, to);
        if (nameEnd < 0) {
            return false;
        }
        int nameLength = nameEnd - nameStart;
        if (isNick(line, nameStart, nameLength, replies.nick())) {
            return !replies.echoes(); // our own line: not shown twice (IrcReplies says the same of it)
        }
        int textStart = nameEnd + 1;
        int roomLength = roomStart < 0 ? GENERAL.length : roomEnd - roomStart;
        int size = 1 + 2 * nameLength + 1 + MASK_HOST.length + roomLength + 2 + (to - textStart);
        if (size > IrcMessage.MAX_BYTES - 2) {
            return false;
        }
        this.nameAt = nameStart;
        this.nameLength = nameLength;
        into.add(':');
        into.add(line, nameStart, nameLength);
        into.add('!');
        into.add(line, nameStart, nameLength);
        into.add(MASK_HOST, 0, MASK_HOST.length);
        if (roomStart < 0) {
            into.add(GENERAL, 0, GENERAL.length);
        } else {
            into.add(line, roomStart, roomLength);
        }
        into.add(' ');
        into.add(':');
        into.add(line, textStart, to - textStart);
        into.add(CRLF, 0, 2);
        return true;
    }

    /** Whether the ASCII name at {@code line[at..at+length)} is {@code nick}, ignoring case, without a copy. */
    private static boolean isNick(byte[] line, int at, int length, String nick) {
        if (length != nick.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.toLowerCase((char) line[at + i]) != Character.toLowerCase(nick.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] line, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] line, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void release() {
        replies.released();
        out.add(held);
        held.clear();
    }
}
