package chat.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void keepsOrdinaryTextUnchanged() {
        String text = "héllo wörld ✓ 日本 \t tab";
        assertThat(TextSanitizer.clean(text)).isSameAs(text);
    }

    @Test
    void dropsEscapeSequences() {
        assertThat(TextSanitizer.clean("\u001b[2J\u001b]0;pwned\u0007hi")).isEqualTo("[2J]0;pwnedhi");
    }

    @Test
    void dropsC1ControlCharacters() {
        assertThat(TextSanitizer.clean("a\u009bb\u0085c\u0080d\u009fe")).isEqualTo("abcde");
    }

    @Test
    void dropsDelAndC0ButKeepsTab() {
        assertThat(TextSanitizer.clean("a\u007fb\u0000c\rd\ne\tf")).isEqualTo("abcde\tf");
    }
}
