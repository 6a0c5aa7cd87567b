package chat.server.cluster;

/**
 * A member's name as a node holds it in Redis, with the lines that go with it.
 *
 * @param key the name's key (lower case): unique in the chat
 * @param name the name as spelt
 * @param leaveLine the {@code LEAVE} line announced if its node dies (encoded, line end included)
 * @param joinLine the {@code JOIN} line announced when it joins
 * @param operatorJoinLine the {@code JOIN} line operators get (it may show the address)
 */
public record HeldName(String key, String name, String leaveLine, String joinLine, String operatorJoinLine) {}
