package chat.client.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
        file.append(lines);
        List<String> loaded = new HistoryFile(file.path()).load();
        assertThat(loaded).hasSize(HistoryFile.MAX_LINES).endsWith("line " + (HistoryFile.MAX_LINES + 49)).startsWith("line 50");
        try (var files = Files.list(file.path().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("history", "history.lock"); // no temp file
        }
    }

    @Test
    void twoClientsSharingTheFileBothKeepTheirLines(@TempDir Path dir) throws Exception {
        HistoryFile file = new HistoryFile(dir.resolve("history"));
        file.append(List.of("old"));
        HistoryFile first = new HistoryFile(file.path());
        HistoryFile second = new HistoryFile(file.path());
        assertThat(first.load()).containsExactly("old");
        assertThat(second.load()).containsExactly("old");
        first.append(List.of("first 1", "first 2"));
        second.append(List.of("second 1")); // ends later: before, it wrote "old, second 1" over the first's lines
        assertThat(file.load()).containsExactly("old", "first 1", "first 2", "second 1");
    }

    @Test
    void clientsEndingAtOnceLoseNothing(@TempDir Path dir) throws Exception {
        HistoryFile file = new HistoryFile(dir.resolve("history"));
        int clients = 8;
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    new HistoryFile(file.path()).append(List.of("client " + client + " a", "client " + client + " b"));
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "history-client-" + c);
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(failures).isEmpty();
        assertThat(file.load()).hasSize(2 * clients);
    }
}
