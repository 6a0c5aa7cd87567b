package chat.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntUnaryOperator;

/**
 * What every receiver of a run got, checked line by line. A message carries {@code #sender,sequence,sendNanos;}:
 * each receiver counts each (sender, sequence) once; a second copy is a duplicate, an earlier sequence after a
 * later one from the same sender is out of order, and what never arrives is lost (expected minus
 * {@link #delivered}). A line whose marker cannot be read back, or that the reader could not frame, is garbled;
 * so is a line from a sender of another room than the receiver's, which should never have reached it.
 *
 * <p>One thread only: the generator's. Kept apart from its sockets so that the checking can be tried on bytes.
 */
final class DeliveryLedger {
    private final int senders;
    private final int messages;
    private final IntUnaryOperator roomOf;
    private final BitSet[] seen; // per receiver: sender * messages + sequence
    private final int[][] highest; // per receiver and sender: the highest sequence so far
    private final int[] latencyMicros;
    private final long[] fields = new long[3]; // sender, sequence, send time of the line being read
    private int latencies;
    private long delivered;
    private long duplicated;
    private long outOfOrder;
    private long garbled;
    private long lastDelivery;

    /** One room for everyone. */
    DeliveryLedger(int receivers, int senders, int messages, int latenciesKept) {
        this(receivers, senders, messages, latenciesKept, id -> -1);
    }

    /**
     * @param latenciesKept how many latencies to keep at most (the first ones)
     * @param roomOf the room a client is in: a receiver gets only the lines of senders in its own
     */
    DeliveryLedger(int receivers, int senders, int messages, int latenciesKept, IntUnaryOperator roomOf) {
        this.roomOf = roomOf;
        this.senders = senders;
        this.messages = messages;
        this.seen = new BitSet[receivers];
        this.highest = new int[receivers][];
        this.latencyMicros = new int[latenciesKept];
    }

    /** Starts (or starts again) the account of {@code receiver}: nothing received yet. */
    void open(int receiver) {
        seen[receiver] = new BitSet(senders * messages);
        highest[receiver] = new int[senders];
        Arrays.fill(highest[receiver], -1);
    }

    /** Marks the start of the measured phase: a run with no delivery lasts from here. */
    void startAt(long now) {
        lastDelivery = now;
    }

    /**
     * Counts line {@code a[from, to)} that {@code receiver} got at {@code now}; a line without a marker (a
     * join, a notice) is not a delivery and counts nowhere.
     */
    void received(int receiver, byte[] a, int from, int to, long now) {
        int mark = -1;
        for (int i = from; i < to - 1; i++) {
            if (a[i] == '#' && a[i + 1] >= '0' && a[i + 1] <= '9') {
                mark = i + 1;
                break;
            }
        }
        if (mark < 0) {
            return;
        }
        long[] parsed = fields;
        int at = mark;
        for (int f = 0; f < 3; f++) {
            char stop = f < 2 ? ',' : ';';
            long value = 0;
            int digits = 0;
            while (at < to && a[at] >= '0' && a[at] <= '9') {
                value = value * 10 + (a[at++] - '0');
                digits++;
            }
            if (digits == 0 || at >= to || a[at] != stop) {
                garbled++;
                return;
            }
            at++;
            parsed[f] = value;
        }
        int sender = (int) parsed[0];
        int seq = (int) parsed[1];
        if (sender >= senders || seq >= messages || roomOf.applyAsInt(sender) != roomOf.applyAsInt(receiver)) {
            garbled++;
            return;
        }
        int index = sender * messages + seq;
        if (seen[receiver].get(index)) {
            duplicated++;
            return;
        }
        seen[receiver].set(index);
        if (seq < highest[receiver][sender]) {
            outOfOrder++;
        }
        highest[receiver][sender] = Math.max(highest[receiver][sender], seq);
        delivered++;
        lastDelivery = now;
        if (latencies < latencyMicros.length) {
            latencyMicros[latencies++] = (int) Math.min(Integer.MAX_VALUE, (now - parsed[2]) / 1000);
        }
    }

    /** Counts a line the reader could not frame (longer than its buffer: not one of ours) as garbled. */
    void unframed() {
        garbled++;
    }

    long delivered() {
        return delivered;
    }

    long duplicated() {
        return duplicated;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long garbled() {
        return garbled;
    }

    /** When the last delivery arrived (or the measured phase began, if none did). */
    long lastDelivery() {
        return lastDelivery;
    }

    /** The latencies kept, in microseconds, sorted. */
    int[] sortedLatencies() {
        int[] sorted = Arrays.copyOf(latencyMicros, latencies);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The {@code p} quantile of {@code sorted} microseconds, in milliseconds; NaN if there are none. */
    static double percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
