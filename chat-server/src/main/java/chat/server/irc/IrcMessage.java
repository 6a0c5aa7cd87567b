package chat.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One IRC line (RFC 1459 and 2812, with IRCv3's tags), without its line end: {@code [@tags] [:source] COMMAND
 * params...}, the last parameter after {@code " :"} when it may hold spaces. The only place this package reads or
 * writes IRC's framing.
 *
 * @param tags the tags as sent, without the {@code @}; empty for none (this server reads none of a client's)
 * @param source the source without its {@code :}; empty for none
 * @param command the command word in upper case, or a three-digit numeric
 */
record IrcMessage(String tags, String source, String command, List<String> params) {
    /** IRC's limit on a line without its tags, line end included. */
    static final int MAX_BYTES = 512;
    /** Clients may send at most 4094 bytes of tags (IRCv3 message-tags), with {@code @} and a space. */
    static final int MAX_CLIENT_TAG_BYTES = 4096;

    /** Commands whose last parameter is a name, not text: it gets its {@code :} only where it must. */
    private static final java.util.Set<String> BARE_LAST = java.util.Set.of("JOIN", "PART", "NICK", "MODE", "INVITE", "AUTHENTICATE");

    IrcMessage {
        params = List.copyOf(params);
    }

    /** A line from this server: {@code source} the server's name or a member's mask. */
    static IrcMessage of(String source, String command, String... params) {
        return new IrcMessage("", source, command, List.of(params));
    }

    /** The bytes of the tags with their {@code @} and the space after them; 0 for none. */
    int tagBytes() {
        return tags.isEmpty() ? 0 : tags.getBytes(StandardCharsets.UTF_8).length + 2;
    }

    /** The parameter at {@code index}, or empty when there is none. */
    String param(int index) {
        return index < params.size() ? params.get(index) : "";
    }

    /** Reads a client's line; null for a line without a command (blank, or only tags and a source). */
    static IrcMessage parse(String line) {
        int at = 0;
        String tags = "";
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return null;
            }
            tags = line.substring(1, space);
            at = space;
        }
        at = skipSpaces(line, at);
        String source = "";
        if (line.startsWith(":", at)) {
            int space = line.indexOf(' ', at);
            if (space < 0) {
                return null;
            }
            source = line.substring(at + 1, space);
            at = skipSpaces(line, space);
        }
        List<String> words = new ArrayList<>();
        while (at < line.length()) {
            if (line.charAt(at) == ':' && !words.isEmpty()) {
                words.add(line.substring(at + 1));
                break;
            }
            int space = line.indexOf(' ', at);
            int end = space < 0 ? line.length() : space;
            words.add(line.substring(at, end));
            at = skipSpaces(line, end);
        }
        if (words.isEmpty()) {
            return null;
        }
        String command = words.remove(0).toUpperCase(java.util.Locale.ROOT);
        return new IrcMessage(tags, source, command, words);
    }

    private static int skipSpaces(String line, int at) {
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    /**
     * The line as sent, without its line end. The last parameter gets a {@code :}, as servers write text (a name
     * only when it must: empty, with a space, or starting with {@code :}); callers keep the others free of spaces.
     */
    String encode() {
        StringBuilder line = new StringBuilder(64);
        if (!tags.isEmpty()) {
            line.append('@').append(tags).append(' ');
        }
        if (!source.isEmpty()) {
            line.append(':').append(source).append(' ');
        }
        line.append(command);
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            line.append(' ');
            if (i == params.size() - 1 && (!BARE_LAST.contains(command) || param.isEmpty() || param.indexOf(' ') >= 0
                    || param.startsWith(":"))) {
                line.append(':');
            }
            line.append(param);
        }
        return line.toString();
    }

    /**
     * Writes the line and its CRLF; a line over IRC's 512 bytes (tags aside) is sent as several, its last
     * parameter cut between characters: a long line of the chat reaches an IRC client whole, in parts.
     */
    void writeTo(IrcBytes out) {
        byte[] whole = encode().getBytes(StandardCharsets.UTF_8);
        int tagBytes = tagBytes();
        if (whole.length - tagBytes <= MAX_BYTES - 2 || params.isEmpty()) {
            writeLine(whole, out);
            return;
        }
        String last = params.get(params.size() - 1);
        int fixed = whole.length - tagBytes - last.getBytes(StandardCharsets.UTF_8).length + 1; // ':' it may gain
        int budget = Math.max(1, MAX_BYTES - 2 - fixed);
        List<String> head = params.subList(0, params.size() - 1);
        int at = 0;
        while (at < last.length()) {
            int end = at;
            int bytes = 0;
            while (end < last.length()) {
                int cp = last.codePointAt(end);
                int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + size > budget && end > at) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            List<String> part = new ArrayList<>(head);
            part.add(last.substring(at, end));
            writeLine(new IrcMessage(tags, source, command, part).encode().getBytes(StandardCharsets.UTF_8), out);
            at = end;
        }
    }

    private static void writeLine(byte[] line, IrcBytes out) {
        out.add(line, 0, line.length);
        out.add('\r');
        out.add('\n');
    }

    /** This line with {@code tags} (as written after the {@code @}) instead of its own. */
    IrcMessage withTags(String newTags) {
        return new IrcMessage(newTags, source, command, params);
    }
}
