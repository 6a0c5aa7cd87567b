package chat.client;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.ProtocolLiterals;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The client builds no protocol line by hand and reads none by hand: every command line comes from
 * chat-common's {@code CommandEncoder}, a data connection's first line from {@code DataHandshake}, every
 * server line is read by {@code EventCodec}. A literal such as {@code "/cancel " + id} would write the wire
 * format a second time, where the codec and its round-trip test cannot see it.
 */
class ProtocolLiteralsTest {
    @Test
    void noLineOfTheProtocolIsWrittenOutsideItsCodec() throws IOException {
        assertThat(ProtocolLiterals.find(Path.of("src", "main", "java"), ProtocolLiterals.COMMAND_LITERAL,
                ProtocolLiterals.DATA_LITERAL, ProtocolLiterals.EVENT_LITERAL)).isEmpty();
    }
}
