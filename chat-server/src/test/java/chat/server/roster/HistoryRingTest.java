package chat.server.roster;

import static org.assertj.core.api.Assertions.assertThat;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRingTest {
    private static byte[] line(String text) {
        return EventCodec.encodeLine(new ServerEvent.Msg("alice", text));
    }

    private static List<String> replayed(HistoryRing ring) {
        List<String> lines = new ArrayList<>();
        ring.replay(l -> lines.add(new String(l, StandardCharsets.UTF_8).replaceFirst("^HISTORY \\S+ ", "").strip()), 0);
        return lines;
    }

    @Test
    void keepsTheLastLinesWithinItsCountAndItsBytes() {
        HistoryRing byCount = new HistoryRing(2);
        for (String text : List.of("one", "two", "three")) {
            byCount.add(0, line(text));
        }
        assertThat(replayed(byCount)).containsExactly("MSG alice two", "MSG alice three");

        int eachLine = line("x".repeat(10)).length;
        HistoryRing byBytes = new HistoryRing(10, 3L * eachLine);
        for (int i = 0; i < 5; i++) {
            byBytes.add(0, line(String.valueOf(i).repeat(10)));
        }
        assertThat(replayed(byBytes)).containsExactly("MSG alice " + "2".repeat(10), "MSG alice " + "3".repeat(10),
                "MSG alice " + "4".repeat(10));
        byBytes.add(0, line("big".repeat(100))); // over the budget alone: kept, as the newest
        assertThat(replayed(byBytes)).containsExactly("MSG alice " + "big".repeat(100));
        byBytes.remove("alice");
        byBytes.add(0, line("after"));
        assertThat(replayed(byBytes)).containsExactly("MSG alice after");
    }
}
