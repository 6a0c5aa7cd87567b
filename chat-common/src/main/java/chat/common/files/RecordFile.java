package chat.common.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small store kept as one record per line (blank lines and {@code #} comments skipped), written whole with
 * {@link AtomicFile}. Reading is all or nothing: a line that does not parse stops it, named, so that a server
 * never runs with half its accounts or bans.
 */
public final class RecordFile {
    private RecordFile() {}

    /**
     * The records of {@code file}, each line read by {@code parse} (which throws a RuntimeException on a
     * bad line); none if the file does not exist.
     *
     * @throws IOException naming the file and the line that is damaged
     */
    public static <T> List<T> read(Path file, Function<String, T> parse) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<T> records = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                records.add(parse.apply(line));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + number + " is damaged: " + e.getMessage(), e);
            }
        }
        return records;
    }
}
