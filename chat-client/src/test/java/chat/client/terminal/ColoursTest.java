package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ColoursTest {

    @Test
    void autoColoursATerminalOnly() {
        assertThat(Colours.enabled("auto", Map.of("TERM", "xterm-256color"), true)).isTrue();
        assertThat(Colours.enabled("auto", Map.of("TERM", "xterm-256color"), false)).isFalse();
    }

    @Test
    void honoursNoColorAndDumbTerminals() {
        assertThat(Colours.enabled("auto", Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Colours.enabled("auto", Map.of("NO_COLOR", ""), true)).isTrue(); // set but empty: no-color.org says ignore
        assertThat(Colours.enabled("auto", Map.of("TERM", "dumb"), true)).isFalse();
        assertThat(Colours.isDumb(Map.of("TERM", "dumb"))).isTrue();
    }

    @Test
    void alwaysAndNeverDecideRegardless() {
        assertThat(Colours.enabled("always", Map.of("NO_COLOR", "1"), false)).isTrue();
        assertThat(Colours.enabled("NEVER", Map.of(), true)).isFalse();
        assertThatThrownBy(() -> Colours.enabled("sometimes", Map.of(), true))
                .hasMessage("--color must be auto, always or never, not 'sometimes'");
    }

    @Test
    void aNameKeepsItsColourInAnyCase() {
        assertThat(Colours.of("Alice")).isEqualTo(Colours.of("alice")).isBetween(1, 6);
        long distinct = Stream.of("alice", "bob", "carol", "dave", "eve", "mallory", "trent", "peggy")
                .map(Colours::of).distinct().count();
        assertThat(distinct).as("names spread over the palette").isGreaterThanOrEqualTo(3);
    }
}
