package chat.server;

import chat.common.files.PrivateDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The server's data directory ({@code --data-dir}): made readable by its owner only, and owned by one process
 * at a time, the server that runs on it or the console command that changes its accounts
 * ({@code --add-account}). Two owners at once would each rewrite the files from their own copy and lose the
 * other's changes.
 */
final class DataDirectory {
    static final String LOCK_FILE = "lock";

    private DataDirectory() {}

    /**
     * Creates {@code dir} if needed, owner-only, and checks that files can be written in it.
     *
     * @throws IOException saying which directory, why, and what to do
     */
    static void create(Path dir) throws IOException {
        try {
            PrivateDirectory.create(dir);
            Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
        } catch (IOException e) {
            throw new IOException("cannot use " + dir + " as the data directory: " + why(dir, e)
                    + "; choose a directory this user may write with --data-dir DIR", e);
        }
    }

    private static String why(Path dir, IOException e) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return existing + " is not a directory";
        }
        if (!(e instanceof FileSystemException f) || f.getFile() == null) {
            return e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied at " + f.getFile();
        }
        if (e instanceof NoSuchFileException) {
            return f.getFile() + " is missing";
        }
        return f.getFile() + ": " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
    }

    /**
     * Creates {@code dir} as {@link #create} does and takes its lock ({@code DIR/lock}), an operating-system
     * lock that ends with its process whatever happens.
     *
     * @throws IOException saying so if another server or command holds it
     */
    static Lock lock(Path dir) throws IOException {
        create(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) { // held by this very process
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another server is running with the data directory " + dir
                    + " (or a command is changing it); stop it first, or give this one its own --data-dir");
        }
        return new Lock(channel);
    }

    /** A held data directory; {@link #close} (idempotent) lets it go. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // the lock ends with the process anyway
            }
        }
    }
}
