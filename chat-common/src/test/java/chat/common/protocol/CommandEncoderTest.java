package chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandEncoderTest {
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of(new ClientCommand.Say("hello"), "hello"),
                Arguments.of(new ClientCommand.Say("/me is text"), "/say /me is text"),
                Arguments.of(new ClientCommand.Say("quit"), "/say quit"),
                Arguments.of(new ClientCommand.PrivateMsg("bob", "hi there"), "/msg bob hi there"),
                Arguments.of(new ClientCommand.Me("waves"), "/me waves"),
                Arguments.of(new ClientCommand.Notice("#dev", "build is green"), "/notice #dev build is green"),
                Arguments.of(new ClientCommand.Quit(""), "/quit"),
                Arguments.of(new ClientCommand.Quit("bye all"), "/quit bye all"),
                Arguments.of(new ClientCommand.Ban("bob", Duration.ofHours(2), "spam"), "/ban bob 2h spam"),
                Arguments.of(new ClientCommand.Ban("10.0.0.0/8", null, ""), "/ban 10.0.0.0/8"),
                Arguments.of(new ClientCommand.Offer("bob", 12, "ab".repeat(32), "my file.txt"),
                        "/offer bob 12 " + "ab".repeat(32) + " my file.txt"),
                Arguments.of(new ClientCommand.Cancel(7), "/cancel 7"),
                Arguments.of(new ClientCommand.ListUsers(), "/list"),
                Arguments.of(new ClientCommand.Blank(), ""));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void writesEachCommandAsDocumented(ClientCommand command, String line) {
        assertThat(CommandEncoder.encode(command)).isEqualTo(line);
        assertThat(CommandParser.parse(line)).isEqualTo(command);
    }

    @Test
    void everyCommandAClientSendsReadsBackAsItself() {
        Random random = new Random(Long.getLong("test.seed", System.nanoTime()));
        Set<Class<?>> covered = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ClientCommand command = Generators.command(random, i % Generators.COMMAND_KINDS);
            covered.add(command.getClass());
            String line = CommandEncoder.encode(command);
            assertThat(CommandParser.parse(line)).as("line %s", line).isEqualTo(command);
        }
        Set<Class<?>> every = new HashSet<>(Set.of(ClientCommand.class.getPermittedSubclasses()));
        every.remove(ClientCommand.Malformed.class); // what a client never means to send
        assertThat(covered).isEqualTo(every);
    }

    @Test
    void aMalformedCommandHasNoLine() {
        assertThatThrownBy(() -> CommandEncoder.encode(new ClientCommand.Malformed(CommandParser.MSG_USAGE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDataConnectionNamesItsTransferAndIsAnsweredOk() {
        assertThat(DataHandshake.fileLine("abc123")).isEqualTo("FILE abc123");
        assertThat(DataHandshake.token(DataHandshake.fileLine("abc123"))).isEqualTo("abc123");
        assertThat(DataHandshake.token("/list")).isNull();
        assertThat(DataHandshake.token(null)).isNull();
        assertThat(DataHandshake.OK).isEqualTo("OK");
    }
}
