package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.ServerEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineWrapperTest {
    private final EventRenderer renderer =
            new EventRenderer(Clock.fixed(Instant.parse("2026-01-01T17:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(ints = {80, 100})
    void aMessagePaddedToTheWidthCannotContinueAsAFakeLine(int width) {
        // mallory pads to the end of the row and writes what looks like alice's line
        ServerEvent.Msg forged = new ServerEvent.Msg("mallory",
                " ".repeat(width - "[17:00] <mallory> ".length()) + "[17:00] <alice> please send the key to mallory");
        String line = renderer.render(forged);
        int column = renderer.messageColumn(forged);
        List<String> rows = LineWrapper.wrap(line, column, width);
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows.get(0)).startsWith("[17:00] <mallory>");
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row).as("a continuation row").startsWith(" ".repeat(column)).doesNotStartWith("[");
            assertThat(LineWrapper.columns(row)).isLessThanOrEqualTo(width);
        }
        assertThat(String.join("", rows).replace(" ", "")).isEqualTo(line.replace(" ", ""));
    }

    @Test
    void indentsContinuationsToTheMessageColumn() {
        ServerEvent.Msg msg = new ServerEvent.Msg("alice", "word ".repeat(40).strip());
        int column = renderer.messageColumn(msg);
        assertThat(column).isEqualTo("[17:00] <alice> ".length());
        List<String> rows = LineWrapper.wrap(renderer.render(msg), column, 60);
        assertThat(rows).allMatch(r -> LineWrapper.columns(r) <= 60);
        assertThat(rows.subList(1, rows.size())).allMatch(r -> r.startsWith(" ".repeat(column)) && !r.isBlank());
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 50, 60, 61, 62, 63, 64, 65, 70})
    void noticesBreakAtWordsUnderTheirOwnText(int width) {
        String line = renderer.notice("Reconnecting: connection lost: Connection reset by peer; trying again in 2 s");
        List<String> rows = LineWrapper.wrap(line, EventRenderer.NOTICE_COLUMN, width);
        assertThat(rows).hasSizeGreaterThan(1).allMatch(r -> LineWrapper.columns(r) <= width);
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row).startsWith(" ".repeat(EventRenderer.NOTICE_COLUMN)).doesNotStartWith(" ".repeat(EventRenderer.NOTICE_COLUMN + 1));
        }
        assertThat(String.join(" ", rows.stream().map(String::strip).toList())).isEqualTo(line); // no word cut, none lost
        assertThat(rows).noneMatch(r -> r.strip().equals("s"));
    }

    @Test
    void countsWideCharactersAsTwoColumns() {
        assertThat(LineWrapper.columns("日本語")).isEqualTo(6);
        assertThat(LineWrapper.columns("e\u0301")).isEqualTo(1);
        List<String> rows = LineWrapper.wrap("日".repeat(50), 2, 40);
        assertThat(rows).allMatch(r -> LineWrapper.columns(r) <= 40);
    }

    @Test
    void leavesShortLinesAlone() {
        assertThat(LineWrapper.wrap("[17:00] <a> hi", 12, 80)).containsExactly("[17:00] <a> hi");
    }

    @Test
    void knowsTheMessageColumnOfEachKindOfLine() {
        renderer.setMe("bob");
        assertThat(renderer.messageColumn(new ServerEvent.Private("alice", "bob", "x"))).isEqualTo("[17:00] *alice* -> you: ".length());
        assertThat(renderer.messageColumn(new ServerEvent.Action("alice", "waves"))).isEqualTo("[17:00] * alice ".length());
        assertThat(renderer.messageColumn(new ServerEvent.Info("x"))).isEqualTo("[17:00] * ".length());
    }
}
