package chat.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in an array eight bytes at a time. The generator looks for the end of every line every
 * server delivers, millions a second; a loop over single bytes made that search most of its CPU, and the
 * generator, not the server, the ceiling of the unpaced workloads.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** The index of the first {@code b} in {@code a[from, to)}, or -1. */
    static int indexOf(byte[] a, byte b, int from, int to) {
        long pattern = ONES * (b & 0xFF);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i) ^ pattern; // a zero byte where a[i + k] == b
            // The lowest flagged byte is the first zero byte; bytes above it may be flagged by a borrow.
            long zeros = (x - ONES) & ~x & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
