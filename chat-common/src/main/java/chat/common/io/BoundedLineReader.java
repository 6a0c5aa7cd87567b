package chat.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines, never holding more than one line's limit in memory.
 *
 * <p>Accepts {@code \n} or {@code \r\n} as the terminator; bytes that are not valid UTF-8 become U+FFFD. A
 * line over {@code maxLineBytes} (terminator excluded) is reported with {@link LineTooLongException} as soon
 * as the limit is passed, and its remainder is then discarded as it arrives: a peer streaming bytes with no
 * newline costs a bounded buffer, not memory proportional to what it sends.
 *
 * <p>The buffer starts at 2 KiB and grows, up to the line limit or 16 KiB, only for a long line or a peer
 * whose reads fill it: idle connections stay small.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class BoundedLineReader {
    private static final int INITIAL_CAPACITY = 2048;
    /** A peer sending in bursts is read up to this much per call, however short its lines. */
    private static final int BURST_CAPACITY = 16 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final int capacity;
    private byte[] buf;
    private int start; // first byte of the current line
    private int end; // end of the bytes read so far
    private int scanned; // bytes in [start, scanned) hold no '\n'
    private boolean skipping; // discarding the rest of a too-long line

    public BoundedLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        // the line, its '\r' and at least one more byte; or more, for fewer reads when a peer sends in bursts
        this.capacity = Math.max(maxLineBytes + 2, BURST_CAPACITY);
        this.buf = new byte[Math.min(capacity, INITIAL_CAPACITY)];
    }

    /**
     * Returns the next line without its terminator, or {@code null} at the end of the stream. A last line
     * without a terminator is returned as a line.
     *
     * @throws LineTooLongException if the next line is over the limit; call again to go on after it
     */
    public String readLine() throws IOException {
        while (true) {
            int newline = indexOfNewline(scanned, end);
            if (newline >= 0) {
                int lineStart = start;
                start = newline + 1;
                scanned = start;
                if (skipping) {
                    skipping = false;
                    continue;
                }
                int lineEnd = newline > lineStart && buf[newline - 1] == '\r' ? newline - 1 : newline;
                return line(lineStart, lineEnd);
            }
            scanned = end;
            if (skipping) {
                start = end = scanned = 0;
            } else if (end - start > maxLineBytes + 1) {
                skipping = true;
                start = end = scanned = 0;
                throw new LineTooLongException(maxLineBytes);
            }
            if (!fill()) {
                if (skipping || start == end) {
                    return null;
                }
                int lineStart = start;
                start = scanned = end;
                return line(lineStart, end);
            }
        }
    }

    /**
     * Whether a whole line is already buffered, so that {@link #readLine()} will return without reading
     * the stream (and so without blocking). Lets a caller batch work until it would have to wait.
     */
    public boolean hasBufferedLine() {
        if (skipping) {
            return false;
        }
        int newline = indexOfNewline(scanned, end);
        // either way, readLine need not look again at what was scanned here
        scanned = newline >= 0 ? newline : end;
        return newline >= 0;
    }

    private String line(int from, int to) throws LineTooLongException {
        if (to - from > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads more bytes after the current line, making room first; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (end == buf.length) {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            } else {
                buf = Arrays.copyOf(buf, Math.min(capacity, buf.length * 2));
            }
        }
        int room = buf.length - end;
        int n = in.read(buf, end, room);
        if (n < 0) {
            return false;
        }
        end += n;
        if (n == room && buf.length < capacity) {
            buf = Arrays.copyOf(buf, Math.min(capacity, buf.length * 2)); // a burst: take more per read
        }
        return true;
    }
}
