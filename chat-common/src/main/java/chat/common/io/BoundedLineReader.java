package chat.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines, never holding more than one line's limit in memory.
 *
 * <p>A line ends at {@code \n}, {@code \r\n}, a lone {@code \r}, or {@code \r\0} (what telnet sends for
 * Enter). Bytes after the last line end, when the stream ends, are dropped: a fragment cut off by a crash
 * or a close was never sent as a line. Each run of bytes that are not valid UTF-8 becomes one U+FFFD, and
 * a line whose text would then be longer than the limit counts as too long, so bad bytes can never make a
 * line bigger than what was read.
 *
 * <p>A line over {@code maxLineBytes} (terminator excluded) is reported with {@link LineTooLongException}
 * as soon as the limit is passed, and its remainder is then discarded as it arrives: a peer streaming bytes
 * with no line end costs a bounded buffer, not memory proportional to what it sends.
 *
 * <p>The buffer starts at 2 KiB and grows, up to the line limit or 16 KiB, only for a long line or a peer
 * whose reads fill it: idle connections stay small. If a read times out ({@code SO_TIMEOUT}) the reader
 * stays usable and the next call goes on where it stopped.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class BoundedLineReader {
    private static final int INITIAL_CAPACITY = 2048;
    /** A peer sending in bursts is read up to this much per call, however short its lines. */
    private static final int BURST_CAPACITY = 16 * 1024;
    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final int maxLineBytes;
    private final int capacity;
    private byte[] buf;
    private int start; // first byte of the current line
    private int end; // end of the bytes read so far
    private int scanned; // bytes in [start, scanned) hold no line end
    private boolean skipping; // discarding the rest of a too-long line
    private boolean afterCr; // the last line ended with '\r': a '\n' or '\0' right after it belongs to it

    public BoundedLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        // the line, its terminator and at least one more byte; or more, for fewer reads when a peer sends in bursts
        this.capacity = Math.max(maxLineBytes + 2, BURST_CAPACITY);
        this.buf = new byte[Math.min(capacity, INITIAL_CAPACITY)];
    }

    /**
     * Returns the next line without its terminator, or {@code null} at the end of the stream.
     *
     * @throws LineTooLongException if the next line is over the limit; call again to go on after it
     */
    public String readLine() throws IOException {
        while (true) {
            dropCrCompanion();
            int lineEnd = indexOfLineEnd(scanned, end);
            if (lineEnd >= 0) {
                int lineStart = start;
                consumeTerminator(lineEnd);
                if (skipping) {
                    skipping = false;
                    continue;
                }
                return line(lineStart, lineEnd);
            }
            scanned = end;
            if (skipping) {
                start = end = scanned = 0;
            } else if (end - start > maxLineBytes) {
                skipping = true;
                start = end = scanned = 0;
                throw new LineTooLongException(maxLineBytes);
            }
            if (!fill()) {
                start = scanned = end; // an unterminated fragment is not a line
                return null;
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
        dropCrCompanion();
        int lineEnd = indexOfLineEnd(scanned, end);
        // either way, readLine need not look again at what was scanned here
        scanned = lineEnd >= 0 ? lineEnd : end;
        return lineEnd >= 0;
    }

    private void consumeTerminator(int lineEnd) {
        afterCr = buf[lineEnd] == '\r';
        start = lineEnd + 1;
        scanned = start;
        dropCrCompanion();
    }

    /** Skips the {@code \n} of {@code \r\n} or the NUL of {@code \r\0}, once it has arrived. */
    private void dropCrCompanion() {
        if (afterCr && start < end) {
            afterCr = false;
            if (buf[start] == '\n' || buf[start] == 0) {
                start++;
                scanned = Math.max(scanned, start);
            }
        }
    }

    private String line(int from, int to) throws LineTooLongException {
        if (to - from > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        String text = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT) < 0) {
            return text; // valid UTF-8: as many bytes out as came in
        }
        String folded = foldReplacements(text);
        if (utf8Length(folded) > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        return folded;
    }

    /** Each run of U+FFFD becomes one: a stream of bad bytes is one mark, not three bytes out per byte in. */
    private static String foldReplacements(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != REPLACEMENT || sb.length() == 0 || sb.charAt(sb.length() - 1) != REPLACEMENT) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private int indexOfLineEnd(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
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
