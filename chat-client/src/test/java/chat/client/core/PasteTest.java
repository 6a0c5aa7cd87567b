package chat.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core's rule for a paste, the same for both faces. */
class PasteTest {
    @Test
    void aPasteIsSplitAtAnyLineEnd() {
        assertThat(Paste.isPaste("one line")).isFalse();
        assertThat(Paste.lines("a\r\nb\rc\n\n")).containsExactly("a", "b", "c");
    }

    @Test
    void aShortPasteGoesALongOneIsAskedAboutAndOneWithATooLongLineNeverGoes() {
        List<String> few = Collections.nCopies(Paste.ASK_ABOVE_LINES, "hi");
        List<String> many = Collections.nCopies(Paste.ASK_ABOVE_LINES + 1, "hi");
        assertThat(Paste.verdict(List.of(), line -> true)).isEqualTo(new Paste.Verdict.Nothing());
        assertThat(Paste.verdict(few, line -> true)).isEqualTo(new Paste.Verdict.Send(few.size()));
        assertThat(Paste.verdict(many, line -> true)).isEqualTo(new Paste.Verdict.Ask(many.size()));
        assertThat(Paste.verdict(List.of("short", "far too long", "also far too long"), line -> line.length() < 10))
                .as("refused before anyone is asked: half a paste would say something else")
                .isEqualTo(new Paste.Verdict.TooLong(2));
        assertThat(Paste.verdict(many.stream().map(l -> l + " and more").toList(), line -> line.length() < 5))
                .isEqualTo(new Paste.Verdict.TooLong(many.size()));
    }

    @Test
    void theSentencesBothFacesSay() {
        assertThat(ClientText.askPaste(30)).isEqualTo("Send 30 lines to everyone?");
        assertThat(ClientText.pasteEnded(30, 30)).isEqualTo("Sent 30 lines.");
        assertThat(ClientText.pasteEnded(12, 60)).isEqualTo("Paste cancelled: sent 12 of 60 lines.");
        assertThat(ClientText.sendingPaste(30, "Esc")).isEqualTo("Sending 30 lines... (Esc cancels)");
    }
}
