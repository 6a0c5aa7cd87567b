package chat.server.irc;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The IRC form of the chat's public lines, as the first IRC client's writer made it, for the writers of the others:
 * a broadcast hands every member the same array, so one translation serves them all and each of the rest copies
 * it. Recognised by the array itself (never modified once offered: {@code Outbox}), in a few slots: the lines of
 * one instant, which every writer takes in about the same order. One per server; any writer's thread.
 */
public final class RelayedLines {
    /**
     * One array's IRC form, the same for every IRC client that does not ask for anything of its own (a tag, a hold:
     * {@link IrcReplies#plain()}) but the one who said it, whose own lines are echoed or not ({@code echo-message}).
     */
    record Relayed(byte[] source, byte[] irc, String speaker) {}

    private static final int SLOTS = 64; // a power of two: more than the lines of one instant that reach a writer together

    private final AtomicReferenceArray<Relayed> slots = new AtomicReferenceArray<>(SLOTS);

    /** The IRC form of {@code source} if a writer left it here, else null. */
    Relayed find(byte[] source) {
        Relayed relayed = slots.get(slot(source));
        return relayed != null && relayed.source() == source ? relayed : null;
    }

    void keep(Relayed relayed) {
        slots.set(slot(relayed.source()), relayed);
    }

    private static int slot(byte[] source) {
        return System.identityHashCode(source) & (SLOTS - 1);
    }
}
