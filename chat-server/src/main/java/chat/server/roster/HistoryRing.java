package chat.server.roster;

import chat.common.protocol.EventCodec;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The last public lines said, for late joiners: at most {@code capacity}, oldest dropped first. Not
 * thread-safe: its roster's lock guards it.
 */
final class HistoryRing {
    private final long[] saidAt;
    private final byte[][] lines;
    private int next; // where the next line goes
    private int count;

    /** @param capacity lines kept; 0 keeps none */
    HistoryRing(int capacity) {
        saidAt = new long[capacity];
        lines = new byte[capacity][];
    }

    /** Keeps {@code line} (an encoded {@code MSG} or {@code ACTION}), said at {@code epochMillis}. */
    void add(long epochMillis, byte[] line) {
        if (lines.length == 0) {
            return;
        }
        saidAt[next] = epochMillis;
        lines[next] = line;
        next = (next + 1) % lines.length;
        count = Math.min(count + 1, lines.length);
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
        for (int i = 0; i < kept; i++) {
            add(keptAt[i], keptLines[i]);
        }
    }

    /** Hands each kept line, oldest first, as a {@code HISTORY} line. */
    void replay(Consumer<byte[]> to) {
        for (int i = 0; i < count; i++) {
            int at = Math.floorMod(next - count + i, lines.length);
            to.accept(EventCodec.encodeHistoryLine(saidAt[at], lines[at]));
        }
    }
}
