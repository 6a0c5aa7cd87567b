package chat.common.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory for files only their owner may read: keys, password hashes, bans. */
public final class PrivateDirectory {
    private PrivateDirectory() {}

    /** Creates {@code dir} (and its parents) if needed, and makes it readable by its owner only. */
    public static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }
}
