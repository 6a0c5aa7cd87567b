package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputHistoryTest {
    @Test
    void upWalksBackAndDownReturnsToWhatWasBeingTyped() {
        InputHistory history = new InputHistory();
        history.add("one");
        history.add("two");
        history.add("two"); // a repeat is kept once
        assertThat(history.up("half typ")).isEqualTo("two");
        assertThat(history.up("two")).isEqualTo("one");
        assertThat(history.up("one")).isNull();
        assertThat(history.down()).isEqualTo("two");
        assertThat(history.down()).isEqualTo("half typ");
        assertThat(history.down()).isNull();
    }

    @Test
    void keepsTheNewestLinesOnly() {
        InputHistory history = new InputHistory();
        for (int i = 0; i < InputHistory.MAX_LINES + 10; i++) {
            history.add("line " + i);
        }
        String oldest = null;
        for (String line = history.up(""); line != null; line = history.up(line)) {
            oldest = line;
        }
        assertThat(oldest).isEqualTo("line 10");
    }

    @Test
    void keepsNoLineThatCarriesAPassword() {
        InputHistory history = new InputHistory();
        history.add("hello");
        history.add("/register correct horse");
        history.add("/PASSWORD new horse");
        assertThat(history.up("")).isEqualTo("hello");
        assertThat(history.up("hello")).isNull();
    }
}
