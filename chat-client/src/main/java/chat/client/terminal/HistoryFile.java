package chat.client.terminal;

import chat.common.files.AtomicFile;
import chat.common.files.UserDirs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The input history kept between runs, in the user's state directory: {@code $XDG_STATE_HOME/chat/history}
 * (by default {@code ~/.local/state/chat/history}), at most {@value #MAX_LINES} lines, the newest last.
 *
 * <p>Each run adds its own lines to what the file holds when it ends ({@link #append}), so two clients sharing
 * the directory both keep theirs; a lock file beside it ({@code history.lock}) makes them take turns.
 * Written crash-safely ({@link AtomicFile}): a crash leaves the old history or the new one, never half of
 * either. Names, answers and passwords typed at prompts are never part of it (the terminal face reads them
 * with history off).
 */
public final class HistoryFile {
    static final int MAX_LINES = 1000;
    private static final Object IN_THIS_PROCESS = new Object();

    private final Path path;

    public HistoryFile(Path path) {
        this.path = path;
    }

    public static Path defaultPath(Map<String, String> env, String home) {
        return UserDirs.STATE.in(env, home).resolve("chat").resolve("history");
    }

    Path path() {
        return path;
    }

    /** The lines kept, oldest first; none if there is no file yet or it cannot be read. */
    List<String> load() {
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            return lines.size() <= MAX_LINES ? lines : lines.subList(lines.size() - MAX_LINES, lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Adds {@code lines} (this run's, oldest first; single-line entries only) after what the file holds now,
     * and keeps the newest {@value #MAX_LINES}.
     */
    void append(List<String> lines) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        synchronized (IN_THIS_PROCESS) { // a file lock is held per process: threads take turns here first
            try (FileChannel lockFile = FileChannel.open(path.resolveSibling(path.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock turn = lockFile.lock()) {
                List<String> kept = new ArrayList<>(load());
                for (String line : lines) {
                    if (!line.isBlank() && line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
                        kept.add(line);
                    }
                }
                if (kept.size() > MAX_LINES) {
                    kept = kept.subList(kept.size() - MAX_LINES, kept.size());
                }
                StringBuilder text = new StringBuilder();
                kept.forEach(line -> text.append(line).append('\n'));
                AtomicFile.write(path, text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
