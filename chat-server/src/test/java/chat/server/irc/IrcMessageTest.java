package chat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IRC's framing: what a client may send, read as IRC servers read it, and lines written within 512 bytes. */
class IrcMessageTest {
    @Test
    void readsTagsSourceCommandAndTrailingParameter() {
        IrcMessage m = IrcMessage.parse("@label=1;+typing=active :alice!a@h privmsg  #dev   :hello :world ");
        assertThat(m.tags()).isEqualTo("label=1;+typing=active");
        assertThat(m.source()).isEqualTo("alice!a@h");
        assertThat(m.command()).isEqualTo("PRIVMSG");
        assertThat(m.params()).containsExactly("#dev", "hello :world ");
    }

    @Test
    void aLineWithoutACommandIsNone() {
        assertThat(IrcMessage.parse("")).isNull();
        assertThat(IrcMessage.parse("   ")).isNull();
        assertThat(IrcMessage.parse("@tags-only")).isNull();
        assertThat(IrcMessage.parse(":source-only")).isNull();
        assertThat(IrcMessage.parse(":src ")).isNull();
    }

    @Test
    void aColonStartsTheTrailingParameterOnlyAfterTheCommand() {
        assertThat(IrcMessage.parse("PING :a b").params()).containsExactly("a b");
        assertThat(IrcMessage.parse("PING").params()).isEmpty();
        assertThat(IrcMessage.parse("USER u 0 * :").params()).containsExactly("u", "0", "*", "");
    }

    @Test
    void writesTextWithItsColonAndNamesBare() {
        assertThat(IrcMessage.of("s", "PRIVMSG", "#dev", "hi").encode()).isEqualTo(":s PRIVMSG #dev :hi");
        assertThat(IrcMessage.of("a!a@chat", "JOIN", "#dev").encode()).isEqualTo(":a!a@chat JOIN #dev");
        assertThat(IrcMessage.of("a!a@chat", "PART", "#dev", "two words").encode()).isEqualTo(":a!a@chat PART #dev :two words");
        assertThat(IrcMessage.of("s", "JOIN", "").encode()).isEqualTo(":s JOIN :");
    }

    @Test
    void aLongLineIsWrittenAsSeveralOfAtMost512BytesCutBetweenCharacters() {
        String text = "ж".repeat(300) + "🙂".repeat(100) + " end";
        IrcBytes out = new IrcBytes(16);
        IrcMessage.of("bob!bob@chat", "PRIVMSG", "#general", text).withTags("time=2026-12-06T10:00:00.000Z").writeTo(out);
        List<String> lines = List.of(out.toString().split("\r\n"));
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            String untagged = line.substring(line.indexOf(' ') + 1);
            assertThat((untagged + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
            IrcMessage m = IrcMessage.parse(line);
            assertThat(m.tags()).isEqualTo("time=2026-12-06T10:00:00.000Z");
            assertThat(m.params().get(0)).isEqualTo("#general");
            joined.append(m.params().get(1));
        }
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void formattingCodesAreTakenOutWithTheirColourNumbers() {
        assertThat(IrcCommands.plain("\u0002bold\u0002 \u000304red\u0003 \u000312,01blue on black\u000f \u001ditalic\u001d"))
                .isEqualTo("bold red blue on black italic");
        assertThat(IrcCommands.plain("\u0004ff0000hex\u0004 and 2\u0003,5")).isEqualTo("hex and 2,5");
        assertThat(IrcCommands.plain("plain 04 text")).isEqualTo("plain 04 text");
    }
}
