package chat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Stream entries are read as if a client had sent them: what a node writes passes, anything else is refused. */
class StreamRecordTest {
    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    @Test
    void readsWhatANodeWrites() {
        assertThat(StreamRecord.of(7, fields("k", "s", "l", "MSG alice hello there\n")))
                .isEqualTo(new StreamRecord.Said(7, "MSG alice hello there\n", "alice"));
        assertThat(StreamRecord.of(7, fields("k", "j", "node", "n1", "n", "bob", "l", "JOIN Bob -\n", "o", "JOIN Bob 10.0.0.1\n", "a", "1")))
                .isEqualTo(new StreamRecord.Joined("n1", "bob", "JOIN Bob -\n", "JOIN Bob 10.0.0.1\n", true));
        assertThat(StreamRecord.of(7, fields("k", "p", "f", "alice", "t", "bob", "l", "PRIVATE alice bob psst\n")))
                .isInstanceOf(StreamRecord.Whisper.class);
        assertThat(StreamRecord.of(7, fields("k", "a", "n", "bob", "l", ""))).isEqualTo(new StreamRecord.AccountChanged("bob", null));
        assertThat(StreamRecord.of(7, fields("k", "g", "f", "n1", "n", "name bob at address 10.0.0.1", "a", "0")))
                .isEqualTo(new StreamRecord.Guessed("n1", "name bob at address 10.0.0.1", false));
        assertThat(StreamRecord.of(7, fields("k", "z", "l", "a newer node's kind"))).isNull();
        assertThat(StreamRecord.of(7, fields("k", "s", "l", "IN #dev ACTION alice waves\n")))
                .isEqualTo(new StreamRecord.Said(7, "IN #dev ACTION alice waves\n", "alice"));
        assertThat(StreamRecord.of(7, fields("k", "m", "f", "n1-a2/42/1", "n", "Alice", "l", "/topic #dev release on Friday")))
                .isEqualTo(new StreamRecord.RoomAsked("n1-a2", 42, "Alice", true, "/topic #dev release on Friday"));
        assertThat(StreamRecord.publishArgs(new StreamRecord.RoomAsked("n1-a2", 42, "Alice", false, "/join #dev")))
                .containsExactly("m", "n1-a2/42/0", "Alice", "/join #dev");
    }

    @Test
    void refusesRoomLinesAndCommandsNoNodeWrites() {
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "s", "l", "IN #dev JOIN alice -\n")))
                .hasMessage("field l is a room's Join line");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "m", "f", "n1/x/1", "n", "alice", "l", "/join #dev")))
                .hasMessage("field f is not node/request/operator");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "m", "f", "n1/1/0", "n", "bäd", "l", "/join #dev")))
                .hasMessage("field n is not a name");
        for (String command : new String[] {"/join", "/part", "/topic #dev", "/kick bob", "/join  #dev", "hello", "/msg bob hi"}) {
            assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "m", "f", "n1/1/0", "n", "alice", "l", command))).as(command)
                    .hasMessage("field l is not a room command with its room, as a node writes it");
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> linesNoNodeWrites() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("an escape sequence", "s", "MSG alice \u001b[2J\n"),
                org.junit.jupiter.params.provider.Arguments.of("OSC 52", "s", "MSG alice \u001b]52;c;ZXZpbA==\u0007\n"),
                org.junit.jupiter.params.provider.Arguments.of("a bidi override", "s", "MSG alice \u202Egnp.exe\n"),
                org.junit.jupiter.params.provider.Arguments.of("a second line", "s", "MSG alice hi\nPASSWORD boss x\n"),
                org.junit.jupiter.params.provider.Arguments.of("no line end", "s", "MSG alice hi"),
                org.junit.jupiter.params.provider.Arguments.of("not written as encoded", "s", "MSG  alice\n"),
                org.junit.jupiter.params.provider.Arguments.of("another kind of line", "s", "INFO the server says\n"),
                org.junit.jupiter.params.provider.Arguments.of("not a line at all", "s", "\n"),
                org.junit.jupiter.params.provider.Arguments.of("a join of a bad name", "i", "JOIN b\u00e4d -\n"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("linesNoNodeWrites")
    void refusesALineNoNodeWouldWrite(String what, String kind, String line) {
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", kind, "l", line))).as(what)
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMissingAndMalformedFields() {
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "j", "n", "bob", "l", "JOIN Bob -\n")))
                .hasMessage("no field node");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "l", "n", "Bob", "l", "LEAVE Bob quit\n")))
                .hasMessage("field n is not a name's key");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "l", "n", "bob", "l", "LEAVE Bob quit\n", "a", "yes")))
                .hasMessage("field a is not 0 or 1");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "s", "l", "MSG alice " + "x".repeat(StreamRecord.MAX_FIELD_CHARS) + "\n")))
                .hasMessageContaining("characters long");
        assertThatThrownBy(() -> StreamRecord.of(7, fields("k", "r", "n", "bob", "l", "kicked \u0007")))
                .hasMessage("field l holds characters no client may send");
    }
}
