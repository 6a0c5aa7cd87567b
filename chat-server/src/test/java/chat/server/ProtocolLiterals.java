package chat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds protocol lines written by hand in a module's sources: a string literal that starts a line of the
 * wire format, which belongs in chat-common's codecs ({@code EventCodec}, {@code CommandEncoder},
 * {@code DataHandshake}) where their round-trip tests see it. Comments may quote lines.
 */
public final class ProtocolLiterals {
    /** A server event's word with its space (or alone), as a line built or read by hand would start. */
    public static final String EVENT_LITERAL = "\"(MSG|ACTION|PRIVATE|JOIN|LEAVE|USERS|INFO|ERROR|WELCOME|HELLO|BYE|LIMITS"
            + "|PASSWORD|OFFER|TRANSFER|DATA|HISTORY)[ \"]";
    /** A command word with its space, as a command line being built would start. */
    public static final String COMMAND_LITERAL = "\"/(msg|me|list|help|quit|say|whois|register|password|unregister|kick|ban"
            + "|unban|bans|purge|offer|accept|decline|cancel|status) ";
    /** The data connection's words. */
    public static final String DATA_LITERAL = "\"(FILE |OK\")";

    private ProtocolLiterals() {}

    /** Every code line under {@code sources} matching one of {@code literals}, as "file:line: code". */
    public static List<String> find(Path sources, String... literals) throws IOException {
        Pattern wire = Pattern.compile(String.join("|", literals));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip().replaceFirst("\\s// .*$", ""); // a comment may quote a line
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    if (wire.matcher(code).find()) {
                        found.add(file + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        return found;
    }
}
