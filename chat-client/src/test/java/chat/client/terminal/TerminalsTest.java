package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalsTest {
    @Test
    void onlyNoTerminalInputFromDevNullAndADisplayMeanADesktopStartedIt() {
        assertThat(Terminals.decideDesktop(false, "/dev/null", () -> false)).isTrue();
        assertThat(Terminals.decideDesktop(true, "/dev/null", () -> false)).isFalse(); // at a terminal
        assertThat(Terminals.decideDesktop(false, "pipe:[4711]", () -> false)).isFalse(); // a script's pipe
        assertThat(Terminals.decideDesktop(false, "/home/u/lines.txt", () -> false)).isFalse();
        assertThat(Terminals.decideDesktop(false, null, () -> false)).isFalse(); // cannot tell
        assertThat(Terminals.decideDesktop(false, "/dev/null", () -> true)).isFalse(); // no display
    }
}
