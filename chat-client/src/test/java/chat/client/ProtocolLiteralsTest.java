package chat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client builds no protocol line by hand: every command line comes from chat-common's
 * {@code CommandEncoder}, a data connection's first line from {@code DataHandshake}. A literal such as
 * {@code "/cancel " + id} would write the wire format a second time, where the codec and its round-trip
 * test cannot see it.
 */
class ProtocolLiteralsTest {
    /** A command word with its space (the start of a line being built), or a data connection's words. */
    private static final Pattern WIRE_LITERAL = Pattern.compile("\"(/(msg|me|list|help|quit|say|whois|register|password"
            + "|unregister|kick|ban|unban|bans|purge|offer|accept|decline|cancel|status) |FILE |OK\")");

    @Test
    void noLineOfTheProtocolIsWrittenOutsideItsCodec() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip().replaceFirst("\\s// .*$", ""); // a comment may quote a line
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    if (WIRE_LITERAL.matcher(code).find()) {
                        found.add(file + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
