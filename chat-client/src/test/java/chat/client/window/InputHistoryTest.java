package chat.client.window;

import chat.client.core.TypedLine;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputHistoryTest {
    @Test
    void upWalksBackAndDownReturnsToWhatWasBeingTyped() {
        InputHistory history = new InputHistory();
        add(history, "one");
        add(history, "two");
        add(history, "two"); // a repeat is kept once
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
            add(history, "line " + i);
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
        add(history, "hello");
        add(history, "/register correct horse");
        add(history, "/PASSWORD new horse");
        assertThat(history.up("")).isEqualTo("hello");
        assertThat(history.up("hello")).isNull();
    }

    /** As the window does: the line is read once, and one that carries a password is said to be one. */
    private static void add(InputHistory history, String line) {
        history.add(line, TypedLine.parse(line).carriesPassword());
    }
}
