package chat.server.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Removes telnet commands (RFC 854) from what a client sends, and refuses every option it is offered, so
 * that {@code telnet} works as a plain line client.
 *
 * <p>Without this, Ctrl+C in telnet sends {@code IAC IP} and {@code IAC DO TIMING-MARK}: the bytes were
 * relayed to everyone as U+FFFD, and telnet stopped showing output while it waited for an answer that never
 * came. Now {@code IAC DO x} is answered {@code IAC WONT x} and {@code IAC WILL x} with {@code IAC DONT x}
 * (we stay in telnet's default state: no option on either side, so no answer can start a loop),
 * subnegotiations and other commands are dropped, and {@code IAC IAC} is a data byte 0xFF. Byte 0xFF never
 * occurs in UTF-8, so a client that is not telnet is unaffected.
 *
 * <p>A subnegotiation ends at {@code IAC SE} or at the end of its line. With every option refused, no
 * well-behaved telnet sends one; what starts one is a stray {@code 0xFF 0xFA} (Latin-1 "ÿú" typed into
 * {@code nc}, or binary junk), and it must not swallow the rest of the connection: before this bound, a
 * client's {@code /quit} after such bytes was never seen.
 *
 * <p>At most {@value #MAX_REPLIES} answers are sent per connection: a peer spamming negotiations gets no
 * unbounded stream of replies. One reader thread owns it.
 */
public final class TelnetFilter extends FilterInputStream {
    static final int MAX_REPLIES = 64;

    private static final int IAC = 0xFF;
    private static final int DONT = 0xFE;
    private static final int DO = 0xFD;
    private static final int WONT = 0xFC;
    private static final int WILL = 0xFB;
    private static final int SB = 0xFA;
    private static final int SE = 0xF0;

    private enum State {
        DATA,
        COMMAND, // after IAC
        OPTION, // after IAC WILL/WONT/DO/DONT
        SUBNEGOTIATION, // after IAC SB, until IAC SE
        SUBNEGOTIATION_COMMAND // IAC inside a subnegotiation
    }

    private final Consumer<byte[]> reply;
    private State state = State.DATA;
    private int verb;
    private int replies;

    /** @param reply sends bytes back to the peer; must not block */
    TelnetFilter(InputStream in, Consumer<byte[]> reply) {
        super(in);
        this.reply = reply;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            int kept = filter(b, off, n);
            if (kept > 0) {
                return kept;
            }
            // all of it was telnet commands: read on, a read must not return 0 bytes
        }
    }

    /** Removes commands from {@code b[off, off + n)} in place; returns how many data bytes are left. */
    private int filter(byte[] b, int off, int n) {
        int end = off + n;
        if (state == State.DATA) {
            int first = indexOfIac(b, off, end);
            if (first < 0) {
                return n; // the common case: no telnet at all
            }
            return first - off + filterFrom(b, first, end, first);
        }
        return filterFrom(b, off, end, off);
    }

    private int filterFrom(byte[] b, int from, int end, int write) {
        int w = write;
        for (int i = from; i < end; i++) {
            int x = b[i] & 0xFF;
            switch (state) {
                case DATA:
                    if (x == IAC) {
                        state = State.COMMAND;
                    } else {
                        b[w++] = (byte) x;
                    }
                    break;
                case COMMAND:
                    if (x == IAC) {
                        b[w++] = (byte) IAC; // an escaped data byte
                        state = State.DATA;
                    } else if (x >= WILL && x <= DONT) {
                        verb = x;
                        state = State.OPTION;
                    } else if (x == SB) {
                        state = State.SUBNEGOTIATION;
                    } else if (x < SE) {
                        b[w++] = (byte) x; // no command: a stray 0xFF, dropped; the byte after it (a line end?) stays
                        state = State.DATA;
                    } else {
                        state = State.DATA; // NOP, IP, AYT, GA, ...: nothing to do
                    }
                    break;
                case OPTION:
                    answer(verb, x);
                    state = State.DATA;
                    break;
                case SUBNEGOTIATION:
                case SUBNEGOTIATION_COMMAND:
                    if (x == '\n' || x == '\r') { // every line end the protocol knows begins so, after an IAC too
                        b[w++] = (byte) x;
                        state = State.DATA;
                    } else if (state == State.SUBNEGOTIATION_COMMAND) {
                        state = x == SE ? State.DATA : State.SUBNEGOTIATION;
                    } else if (x == IAC) {
                        state = State.SUBNEGOTIATION_COMMAND;
                    }
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
        return w - write;
    }

    private void answer(int verb, int option) {
        int refusal = verb == DO ? WONT : verb == WILL ? DONT : -1;
        if (refusal >= 0 && replies < MAX_REPLIES) {
            replies++;
            reply.accept(new byte[] {(byte) IAC, (byte) refusal, (byte) option});
        }
    }

    private static int indexOfIac(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == (byte) IAC) {
                return i;
            }
        }
        return -1;
    }
}
