package chat.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void keepsOrdinaryTextUnchanged() {
        String text = "héllo wörld ✓ 日本 \t tab 😀 Tiếng Việt नमस्ते";
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

    @Test
    void dropsBidiOverridesAndIsolates() {
        // the Trojan Source shape: an override that would show "admin" checks in another order
        assertThat(TextSanitizer.clean("if \u202Eteg\u202C x \u2066y\u2069 \u202A\u202B\u202D\u2067\u2068z"))
                .isEqualTo("if teg x y z");
    }

    @Test
    void dropsZeroWidthAndInvisibleFormattingCharacters() {
        assertThat(TextSanitizer.clean("a\u200Bb\u200Cc\u200Dd\u200Ee\u200Ff\uFEFFg\u2060h\u061Ci"))
                .isEqualTo("abcdefghi");
    }

    @Test
    void dropsLineAndParagraphSeparators() {
        assertThat(TextSanitizer.clean("one\u2028two\u2029three")).isEqualTo("onetwothree");
    }

    @Test
    void dropsTagCharacters() {
        String tags = new StringBuilder().appendCodePoint(0xE0001).appendCodePoint(0xE0041).appendCodePoint(0xE007F).toString();
        assertThat(TextSanitizer.clean("x" + tags + "y")).isEqualTo("xy");
    }

    @Test
    void capsCombiningMarksPerBaseCharacter() {
        String stack = "\u0301".repeat(1300);
        String cleaned = TextSanitizer.clean("a" + stack + "b\u0301\u0302");
        assertThat(cleaned).isEqualTo("a" + "\u0301".repeat(TextSanitizer.MAX_MARKS_PER_BASE) + "b\u0301\u0302");
    }

    @Test
    void removedCharactersBetweenMarksDoNotResetTheCount() {
        String marks = "\u0301".repeat(TextSanitizer.MAX_MARKS_PER_BASE);
        assertThat(TextSanitizer.clean("a" + marks + "\u200B" + marks)).isEqualTo("a" + marks);
    }
}
