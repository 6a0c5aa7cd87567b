package chat.server.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The IRC form of the chat's public lines, as the first IRC client's writer made it, for the writers of the others:
 * a broadcast hands every member the same array, so one translation serves them all and each of the rest copies
 * it. Recognised by the array itself (never modified once offered: {@code Outbox}), in a few slots: the lines of
 * one instant, which every writer takes in about the same order. One per server; any writer's thread.
 */
public final class RelayedLines {
    /**
     * One array's IRC form, the same for every IRC client not holding anything back ({@link IrcReplies#plain()})
     * but the one who said it, whose own lines are echoed or not ({@code echo-message}); for those with
     * server-time each line is tagged with the time it was first translated at, one time for all of them.
     */
    static final class Relayed {
        final byte[] source;
        final byte[] irc;
        final String speaker;
        private final Instant at;
        private volatile byte[] tagged; // made by the first writer of a client with server-time to need it

        Relayed(byte[] source, byte[] irc, String speaker, Instant at) {
            this.source = source;
            this.irc = irc;
            this.speaker = speaker;
            this.at = at;
        }

        /** The IRC form with each line tagged with its time (server-time). */
        byte[] tagged() {
            byte[] lines = tagged;
            if (lines == null) {
                lines = tag(irc, ("@time=" + IrcReplies.time(at) + " ").getBytes(StandardCharsets.US_ASCII));
                tagged = lines; // two writers may both make it: the same bytes
            }
            return lines;
        }

        private static byte[] tag(byte[] lines, byte[] tag) {
            int count = 0;
            for (byte b : lines) {
                count += b == '\n' ? 1 : 0;
            }
            byte[] tagged = new byte[lines.length + count * tag.length];
            int to = 0;
            int from = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i] == '\n') {
                    System.arraycopy(tag, 0, tagged, to, tag.length);
                    to += tag.length;
                    System.arraycopy(lines, from, tagged, to, i + 1 - from);
                    to += i + 1 - from;
                    from = i + 1;
                }
            }
            return tagged;
        }
    }

    private static final int SLOTS = 64; // a power of two: more than the lines of one instant that reach a writer together

    private final AtomicReferenceArray<Relayed> slots = new AtomicReferenceArray<>(SLOTS);

    /** The IRC form of {@code source} if a writer left it here, else null. */
    Relayed find(byte[] source) {
        Relayed relayed = slots.get(slot(source));
        return relayed != null && relayed.source == source ? relayed : null;
    }

    void keep(Relayed relayed) {
        slots.set(slot(relayed.source), relayed);
    }

    private static int slot(byte[] source) {
        return System.identityHashCode(source) & (SLOTS - 1);
    }
}
