package chat.server.config;

/**
 * The bounds of rooms (docs/PROTOCOL.md, "Rooms"; docs/OPERATIONS.md): what a flood of {@code /join} can make
 * the server hold is at most {@code maxRooms} rooms of at most {@code maxMembers} members, each with a history
 * of at most {@link #HISTORY_BYTES}.
 *
 * @param maxRooms rooms on the server, besides the default room
 * @param maxMembers members of one room
 * @param perMember rooms one member may be in, besides the default room
 */
public record RoomLimits(int maxRooms, int maxMembers, int perMember) {
    public static final int DEFAULT_MAX_ROOMS = 1000;
    public static final int DEFAULT_MAX_MEMBERS = 1000;
    public static final int DEFAULT_PER_MEMBER = 20;
    public static final RoomLimits DEFAULTS = new RoomLimits(DEFAULT_MAX_ROOMS, DEFAULT_MAX_MEMBERS, DEFAULT_PER_MEMBER);
    /** A room's history for newcomers holds at most this many bytes (and at most --history lines). */
    public static final int HISTORY_BYTES = 32 << 10;

    public RoomLimits {
        check("--max-rooms", maxRooms, 0, 100_000);
        check("--max-room-members", maxMembers, 1, 1_000_000);
        check("--max-rooms-per-member", perMember, 0, 1000);
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
