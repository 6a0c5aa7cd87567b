package chat.server.cluster;

import java.util.Map;

/**
 * One entry of the chat's shared Redis stream, the order every node delivers in (docs/DESIGN.md, "Several
 * nodes"). Lines travel as the protocol's encoded text, made by {@code EventCodec} on the node that accepted
 * them: a reading node hands them to its members without decoding them.
 */
public sealed interface StreamRecord {
    /** A public line ({@code MSG} or {@code ACTION}), said at {@code epochMillis} (the stream entry's time). */
    record Said(long epochMillis, String line) implements StreamRecord {}

    /**
     * A member of node {@code node} joined under name key {@code key}; {@code announce}: everyone is told
     * ({@code forOperators} to operators, {@code line} to the rest), else only the member itself.
     */
    record Joined(String node, String key, String line, String forOperators, boolean announce) implements StreamRecord {}

    /** The member with name key {@code key} left; {@code announce}: everyone is told {@code line}. */
    record Left(String key, String line, boolean announce) implements StreamRecord {}

    /** A private line, to the member with name key {@code to} and its copy to the sender, key {@code from}. */
    record Whisper(String from, String to, String line) implements StreamRecord {}

    /** A notice to everyone ({@code INFO}), not kept as history. */
    record Notice(String line) implements StreamRecord {}

    /**
     * A moderator on another node removed the member with name key {@code key}: the node it is connected to
     * ends its session with {@code reason}, and that session's leave announces it as a local kick's does.
     */
    record Removed(String key, String reason) implements StreamRecord {}

    /**
     * The member with name key {@code asker} asked {@code /whois} of the member with name key {@code key}: the
     * node that one is connected to answers with a {@link Whisper} to the asker alone ({@code from} and
     * {@code to} both the asker), showing the address if {@code withAddress}.
     */
    record Asked(String asker, String key, boolean withAddress) implements StreamRecord {}

    /** The registered name with key {@code key} changed: its account is {@code line} now, or null if released. */
    record AccountChanged(String key, String line) implements StreamRecord {}

    /** A ban ({@code line}, as the bans file holds it) was {@code added}, or lifted. */
    record BanChanged(String line, boolean added) implements StreamRecord {}

    /**
     * A password for the key {@code key} (a name's or an address's, as the guess throttle counts them) was
     * given on node {@code node}, {@code right} or wrong: every other node counts it too.
     */
    record Guessed(String node, String key, boolean right) implements StreamRecord {}

    /** Reads an entry's fields; null for an entry of a kind this version does not know (a newer node's). */
    static StreamRecord of(long epochMillis, Map<String, String> fields) {
        String kind = fields.getOrDefault("k", "");
        String line = fields.getOrDefault("l", "");
        switch (kind) {
            case "s":
                return new Said(epochMillis, line);
            case "j":
                return new Joined(fields.get("node"), fields.get("n"), line, fields.getOrDefault("o", line), "1".equals(fields.get("a")));
            case "l":
                return new Left(fields.get("n"), line, "1".equals(fields.get("a")));
            case "p":
                return new Whisper(fields.get("f"), fields.get("t"), line);
            case "i":
                return new Notice(line);
            case "r":
                return new Removed(fields.get("n"), line);
            case "a":
                return new AccountChanged(fields.get("n"), line.isEmpty() ? null : line);
            case "b":
                return new BanChanged(line, "1".equals(fields.get("a")));
            case "w":
                return new Asked(fields.get("f"), fields.get("n"), "1".equals(fields.get("a")));
            case "g":
                return new Guessed(fields.get("f"), fields.get("n"), "1".equals(fields.get("a")));
            default:
                return null;
        }
    }
}
