package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The server writes no protocol line by hand: every line to a client comes from {@code EventCodec}, the data
 * connection's from {@code DataHandshake}. Its error texts may name a command for a person ("usage: /kick
 * NAME"): those are words, not lines it sends, so commands are not looked for here. The IRC listener's package is
 * left out: it writes IRC, not this protocol, and reads this protocol's lines only through {@code EventCodec}.
 */
class ProtocolLiteralsTest {
    @Test
    void noLineOfTheProtocolIsWrittenOutsideItsCodec() throws IOException {
        // chat.server.irc speaks IRC, whose words (JOIN, ERROR) are the same: its lines are framed by IrcMessage alone
        assertThat(ProtocolLiterals.find(Path.of("src", "main", "java"), ProtocolLiterals.EVENT_LITERAL,
                ProtocolLiterals.DATA_LITERAL)).filteredOn(line -> !line.contains("chat/server/irc/")).isEmpty();
    }
}
