package chat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrcCommandsTest {
    /** A real name or away text: plain, clean, trimmed, and cut between characters, never inside one. */
    @Test
    void keptTextIsPlainCleanAndCutBetweenCharacters() {
        assertThat(IrcCommands.kept("  \u0002Carol\u0002 Q. \u0007Public ", 64)).isEqualTo("Carol Q. Public");
        assertThat(IrcCommands.kept("\u000304,01red\u000f text", 64)).isEqualTo("red text");
        assertThat(IrcCommands.kept("abc\uD83D\uDE0A", 4)).isEqualTo("abc"); // the emoji would be cut in half
        assertThat(IrcCommands.kept("abc\uD83D\uDE0A", 5)).isEqualTo("abc\uD83D\uDE0A");
        assertThat(IrcCommands.kept("\u0007\u0002", 64)).isEmpty();
    }
}
