package chat.server.roster;

import chat.common.protocol.EventCodec;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The last public lines said, for late joiners: at most {@code capacity}, and at most {@code maxBytes} of
 * them, oldest dropped first. Not thread-safe: its roster's lock guards it.
 */
final class HistoryRing {
    private final long[] saidAt;
    private final byte[][] lines;
    private final long maxBytes;
    private int next; // where the next line goes
    private int count;
    private long bytes; // of the lines kept

    /** @param capacity lines kept; 0 keeps none */
    HistoryRing(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    /** @param maxBytes the most the lines kept may take together (the newest line is kept whatever its size) */
    HistoryRing(int capacity, long maxBytes) {
        saidAt = new long[capacity];
        lines = new byte[capacity][];
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code line} (an encoded {@code MSG} or {@code ACTION}), said at {@code epochMillis}. */
    void add(long epochMillis, byte[] line) {
        if (lines.length == 0) {
            return;
        }
        if (count == lines.length) {
            dropOldest();
        }
        saidAt[next] = epochMillis;
        lines[next] = line;
        bytes += line.length;
        next = (next + 1) % lines.length;
        count++;
        while (bytes > maxBytes && count > 1) {
            dropOldest();
        }
    }

    private void dropOldest() {
        int oldest = Math.floorMod(next - count, lines.length);
        bytes -= lines[oldest].length;
        lines[oldest] = null;
        count--;
    }

    /**
     * Drops every kept line said by {@code name} (any case): a ban or {@code /purge} takes a member's words
     * out of what newcomers are shown. Keeps the others in order.
     */
    void remove(String name) {
        Predicate<byte[]> saidByName = EventCodec.saidBy(name);
        int kept = 0;
        long[] keptAt = new long[count];
        byte[][] keptLines = new byte[count][];
        for (int i = 0; i < count; i++) {
            int at = Math.floorMod(next - count + i, lines.length);
            if (!saidByName.test(lines[at])) {
                keptAt[kept] = saidAt[at];
                keptLines[kept++] = lines[at];
            }
        }
        Arrays.fill(lines, null);
        next = 0;
        count = 0;
        bytes = 0;
        for (int i = 0; i < kept; i++) {
            add(keptAt[i], keptLines[i]);
        }
    }

    /**
     * Hands each kept line, oldest first, as a {@code HISTORY} line.
     *
     * @return the oldest line given, or (a line null) {@code now} if none was
     */
    LocalRoster.Said replay(Consumer<byte[]> to, long now) {
        for (int i = 0; i < count; i++) {
            int at = Math.floorMod(next - count + i, lines.length);
            to.accept(EventCodec.encodeHistoryLine(saidAt[at], lines[at]));
        }
        if (count == 0) {
            return new LocalRoster.Said(now, null);
        }
        int oldest = Math.floorMod(next - count, lines.length);
        return new LocalRoster.Said(saidAt[oldest], lines[oldest]);
    }
}
