package chat.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A password kept in a file, not on the command line (where {@code ps} shows it to everyone): its first line. */
public final class PasswordFile {
    private PasswordFile() {}

    /**
     * The first line of {@code file}, exactly; empty if the file is.
     *
     * @throws IOException with a sentence naming the file if it cannot be read
     */
    public static String read(Path file) throws IOException {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        }
    }
}
