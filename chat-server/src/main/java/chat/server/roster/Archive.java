package chat.server.roster;

import chat.server.roster.LocalRoster.Said;
import java.time.Duration;
import java.util.List;

/**
 * Where the roster hands the public lines it delivers, in the order it delivers them, to be kept beyond the
 * newcomers' history (the server's store, docs/DESIGN.md "The store"), and where the default room's newcomers'
 * history and topic start from after a restart. A room is kept under its store key: the default room's is its name's
 * key, and any other room's is new each time the room is made ({@link Rooms.Joined}), so that a room made again
 * under an old name (by other people, perhaps open where the old one was invite-only) never shows the old
 * one's lines. {@link #keep} and {@link #forget} are called under the roster's lock: they only queue, never wait.
 *
 * <p>A line is durable once it has been echoed to its sender (docs/DESIGN.md, "The store"): {@link #keep} answers
 * with a {@link Kept} the sender's outbox waits on before it writes the echo, while everyone else has the line at
 * once.
 */
public interface Archive {
    /** Keeps nothing: a server without a store. */
    Archive NONE = new Archive() {
        @Override
        public Kept keep(String roomKey, Said line) {
            return Kept.NOW;
        }

        @Override
        public void forget(String name) {}

        @Override
        public List<Said> latest(String roomKey, int count) {
            return List.of();
        }
    };

    /**
     * {@code line} (an encoded {@code MSG} or {@code ACTION}) was said in the room whose store key is {@code roomKey}.
     *
     * @return when it is kept: {@link Kept#NOW} if there is nothing to wait for (no store, or a store too far
     *     behind to take it)
     */
    Kept keep(String roomKey, Said line);

    /**
     * Waits, on a sender's own thread and holding no lock, while the lines on their way to the disk fill half of
     * what may wait for it: a flood goes at the disk's pace rather than past it (a line that finds no room is not
     * kept). False if there was still no room after {@code timeout}.
     */
    default boolean awaitRoom(Duration timeout) throws InterruptedException {
        return true;
    }

    /** Every line {@code name} (any case) said is to go: a ban's or a {@code /purge}'s. */
    void forget(String name);

    /** The last {@code count} lines kept of the room whose store key is {@code roomKey}, oldest first. */
    List<Said> latest(String roomKey, int count);

    /** The topic kept for the room {@code roomKey}: {@code SETTER TEXT} as it was kept, unchecked; null if none. */
    default String topic(String roomKey) {
        return null;
    }

    /**
     * Keeps {@code topic} ({@code SETTER TEXT}; null: none) as the room {@code roomKey}'s, before returning. On the
     * setter's thread, holding no lock of the roster's.
     */
    default void keepTopic(String roomKey, String topic) {}

    /** A line handed to {@link #keep}, on its way to the disk. */
    interface Kept {
        /** Nothing to wait for. */
        Kept NOW = new Kept() {
            @Override
            public boolean await(Duration timeout) {
                return true;
            }

            @Override
            public void whenKept(Runnable action) {
                action.run();
            }
        };

        /**
         * Waits until the line, and every line handed over before it, is kept or has failed to be (the log says
         * so); false if that took longer than {@code timeout}.
         */
        boolean await(Duration timeout) throws InterruptedException;

        /**
         * Runs {@code action} once {@link #await} would return true: at once if it would now, else on the store's
         * thread, so it must be quick and must not block (a pooled outbox schedules its next turn).
         */
        void whenKept(Runnable action);
    }
}
