package chat.server.store;

/**
 * A public line kept by the store.
 *
 * @param id its place in the order the store kept lines: later lines have larger ids
 * @param roomKey the store key of the room it was said in ({@code #general} for the default room; see
 *     {@code chat.server.roster.Archive})
 * @param epochMillis when the server accepted it
 * @param line the {@code MSG} or {@code ACTION} line as it was sent, with its line end
 */
public record StoredLine(long id, String roomKey, long epochMillis, byte[] line) {}
