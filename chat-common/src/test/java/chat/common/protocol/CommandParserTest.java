package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    @Test
    void parsesPlainTextAsSay() {
        assertThat(CommandParser.parse("hello there")).isEqualTo(new ClientCommand.Say("hello there"));
    }

    @Test
    void keepsLiteralSlashAfterDoubleSlash() {
        assertThat(CommandParser.parse("//msg is a command")).isEqualTo(new ClientCommand.Say("/msg is a command"));
        assertThat(CommandParser.parse("//")).isEqualTo(new ClientCommand.Say("/"));
    }

    @Test
    void parsesPrivateMessage() {
        assertThat(CommandParser.parse("/msg bob see  you later"))
                .isEqualTo(new ClientCommand.PrivateMsg("bob", "see  you later"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/msg", "/msg bob", "/msg bob ", "/msg bob    ", "/msg  "})
    void rejectsPrivateMessageWithoutNameOrText(String line) {
        assertThat(CommandParser.parse(line)).isEqualTo(new ClientCommand.Malformed(CommandParser.MSG_USAGE));
    }

    @Test
    void parsesListHelpAndQuit() {
        assertThat(CommandParser.parse("/list")).isEqualTo(new ClientCommand.ListUsers());
        assertThat(CommandParser.parse("/LIST")).isEqualTo(new ClientCommand.ListUsers());
        assertThat(CommandParser.parse("/help")).isEqualTo(new ClientCommand.Help());
        assertThat(CommandParser.parse("/quit")).isEqualTo(new ClientCommand.Quit(""));
        assertThat(CommandParser.parse("/quit see you")).isEqualTo(new ClientCommand.Quit("see you"));
        assertThat(CommandParser.parse("quit")).isEqualTo(new ClientCommand.Quit(""));
    }

    @Test
    void parsesAnAction() {
        assertThat(CommandParser.parse("/me waves")).isEqualTo(new ClientCommand.Me("waves"));
        assertThat(CommandParser.parse("/ME  waves")).isEqualTo(new ClientCommand.Me(" waves"));
        assertThat(CommandParser.parse("/me")).isEqualTo(new ClientCommand.Malformed(CommandParser.ME_USAGE));
    }

    @Test
    void saysAnyTextVerbatimWithSay() {
        assertThat(CommandParser.parse("/say quit")).isEqualTo(new ClientCommand.Say("quit"));
        assertThat(CommandParser.parse("/say /msg bob  hi")).isEqualTo(new ClientCommand.Say("/msg bob  hi"));
        assertThat(CommandParser.parse("/say  two spaces")).isEqualTo(new ClientCommand.Say(" two spaces"));
        assertThat(CommandParser.parse("/say")).isEqualTo(new ClientCommand.Malformed(CommandParser.SAY_USAGE));
    }

    @Test
    void treatsQuitInsideTextAsText() {
        assertThat(CommandParser.parse("quit it")).isEqualTo(new ClientCommand.Say("quit it"));
        assertThat(CommandParser.parse(" quit")).isEqualTo(new ClientCommand.Say(" quit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  "})
    void ignoresBlankLines(String line) {
        assertThat(CommandParser.parse(line)).isEqualTo(new ClientCommand.Blank());
    }

    @Test
    void reportsUnknownCommandByItsWord() {
        assertThat(CommandParser.parse("/dance wildly")).isEqualTo(new ClientCommand.Unknown("/dance"));
        assertThat(CommandParser.parse("/")).isEqualTo(new ClientCommand.Unknown("/"));
    }
}
