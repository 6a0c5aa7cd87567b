package chat.server.irc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes gathered by one writer: the IRC lines of one write of the outbox. Unlike {@code ByteArrayOutputStream},
 * whose every call takes a lock, and whose contents come out only as a copy, it is owned by one thread and written
 * out from its own array: a public line costs a copy into it, nothing more.
 */
final class IrcBytes {
    /**
     * An array grown past this by one big write (a crowded channel's names: 70 KB for 5,000 members) is let go when
     * emptied, so thousands of connections do not each keep the largest write they ever made; the outbox's writes
     * of lines (16 KB at most, about twice that as IRC) fit.
     */
    static final int KEPT_BYTES = 64 * 1024;

    private final int capacity;
    private byte[] bytes;
    private int size;

    IrcBytes(int capacity) {
        this.capacity = capacity;
        bytes = new byte[capacity];
    }

    void add(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void add(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void add(IrcBytes other) {
        add(other.bytes, 0, other.size);
    }

    int size() {
        return size;
    }

    /** The array that holds the bytes, from 0 to {@link #size()}; valid until the next call. */
    byte[] array() {
        return bytes;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    void clear() {
        size = 0;
        if (bytes.length > KEPT_BYTES) {
            bytes = new byte[capacity];
        }
    }

    /** The length of the array it holds now, for tests. */
    int capacity() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, Math.max(16, 2 * bytes.length)));
        }
    }
}
