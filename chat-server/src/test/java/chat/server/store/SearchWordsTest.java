package chat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass words of ASCII text are the rule's words ({@link SearchWords#ofAnyText}), for any ASCII. */
class SearchWordsTest {
    @Test
    void asciiTextHasTheWordsTheRuleGives() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            char[] text = new char[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) (random.nextInt(4) == 0 ? random.nextInt(128) : "aZ9 .-_'\t".charAt(random.nextInt(9)));
            }
            String line = new String(text);
            assertThat(SearchWords.of(line)).as("%s", line).isEqualTo(SearchWords.ofAnyText(line));
        }
        assertThat(SearchWords.of("  Hello, World!! 42times  ")).isEqualTo("hello world 42times");
        assertThat(SearchWords.of("Ça va? Très bien")).isEqualTo("ca va tres bien");
        assertThat(SearchWords.of("...")).isEmpty();
    }
}
