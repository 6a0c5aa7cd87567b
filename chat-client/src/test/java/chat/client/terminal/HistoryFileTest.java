package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

    @Test
    void livesInTheXdgStateDirectory() {
        assertThat(HistoryFile.defaultPath(Map.of("XDG_STATE_HOME", "/s"), "/home/u")).isEqualTo(Path.of("/s/chat/history"));
        assertThat(HistoryFile.defaultPath(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/state/chat/history"));
    }

    @Test
    void keepsTheNewestLinesAcrossRuns(@TempDir Path dir) throws IOException {
        HistoryFile file = new HistoryFile(dir.resolve("chat").resolve("history"));
        assertThat(file.load()).isEmpty();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < HistoryFile.MAX_LINES + 50; i++) {
            lines.add("line " + i);
        }
        lines.add("two\nlines"); // a paste is not one history entry
        file.save(lines);
        List<String> loaded = new HistoryFile(file.path()).load();
        assertThat(loaded).hasSize(HistoryFile.MAX_LINES).endsWith("line " + (HistoryFile.MAX_LINES + 49)).startsWith("line 50");
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("history"); // no temp file left
        }
    }

    @Test
    void replacesTheOldFileWhole(@TempDir Path dir) throws IOException {
        HistoryFile file = new HistoryFile(dir.resolve("history"));
        file.save(List.of("old 1", "old 2", "old 3"));
        file.save(List.of("new"));
        assertThat(file.load()).containsExactly("new");
    }
}
