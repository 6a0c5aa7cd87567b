package chat.server.roster;

import chat.common.protocol.RoomName;
import chat.server.roster.LocalRoster.Said;
import java.util.List;

/**
 * Where the roster hands the public lines it delivers, in the order it delivers them, to be kept beyond the
 * newcomers' history (the server's store, docs/DESIGN.md "The store"), and where a room's newcomers' history
 * starts from after a restart. {@link #keep} and {@link #forget} are called under the roster's lock: they only
 * queue, never wait.
 */
public interface Archive {
    /** Keeps nothing: a server without a store. */
    Archive NONE = new Archive() {
        @Override
        public void keep(RoomName room, Said line) {}

        @Override
        public void forget(String name) {}

        @Override
        public List<Said> latest(RoomName room, int count) {
            return List.of();
        }
    };

    /** {@code line} (an encoded {@code MSG} or {@code ACTION}) was said in {@code room}. */
    void keep(RoomName room, Said line);

    /** Every line {@code name} (any case) said is to go: a ban's or a {@code /purge}'s. */
    void forget(String name);

    /**
     * The last {@code count} lines kept of {@code room}, oldest first, for a room's history when the room is made
     * (a read of the store, under the roster's lock: rooms are made seldom, and the read is one indexed query).
     */
    List<Said> latest(RoomName room, int count);
}
