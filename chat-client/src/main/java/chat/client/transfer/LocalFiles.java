package chat.client.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This side's file work for a transfer: reading the file offered, writing the one received. Each failure is a
 * {@link FileProblem}, so that a transfer tells a problem here (this side ends it) from a broken connection
 * (the server's word on why comes over the chat).
 */
final class LocalFiles {
    private LocalFiles() {}

    /** A problem with the file on this side, as opposed to the connection: this side ends the transfer. */
    static final class FileProblem extends IOException {
        FileProblem(String message) {
            super(message);
        }
    }

    static InputStream open(Path file) throws FileProblem {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new FileProblem("cannot read " + file + ": " + reason(e));
        }
    }

    static int readFile(InputStream file, byte[] buffer, int max) throws FileProblem {
        try {
            int n = file.read(buffer, 0, max);
            if (n < 0) {
                throw new FileProblem("the file got shorter since it was offered");
            }
            return n;
        } catch (FileProblem e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem("cannot read the file: " + reason(e));
        }
    }

    /** A name for {@code name} in {@code downloadDir} (made if missing), its part file made, empty and locked. */
    static SafeFileName.Claimed claim(Path downloadDir, String name) throws FileProblem {
        try {
            Files.createDirectories(downloadDir);
            return SafeFileName.claim(downloadDir, name);
        } catch (IOException e) {
            throw new FileProblem("cannot save to " + downloadDir + ": " + reason(e));
        }
    }

    /** Gives a file received whole its name ({@link SafeFileName#settle}), then lets go of its part file. */
    static Path settle(SafeFileName.Claimed claimed) throws FileProblem {
        try {
            return SafeFileName.settle(claimed); // moved while still locked: no starting client takes it for a leftover
        } catch (IOException e) {
            throw new FileProblem("cannot name the file " + claimed.target() + ": " + reason(e));
        } finally {
            closeQuietly(claimed.out());
        }
    }

    /**
     * Deletes the part files in {@code dir} that no client is writing (none holds their lock): what a client
     * killed while receiving left behind. Returns how many.
     */
    static int removeLeftovers(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + SafeFileName.PART)) {
            for (Path part : parts) {
                if (unused(part)) {
                    removed++;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // no directory yet, or not readable: nothing to clean up here
        }
        return removed;
    }

    /** Deletes {@code part} if its lock can be taken (nobody writes it); whether it did. */
    private static boolean unused(Path part) {
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another client receives into it
            }
            Files.delete(part);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process receives into it
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the bytes are forced and the file named already; closing gives back the handle only
        }
    }

    static void writeFile(FileChannel out, ByteBuffer bytes) throws FileProblem {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new FileProblem("cannot write the file: " + reason(e)); // a full disk, say
        }
    }

    static void force(FileChannel out) throws FileProblem {
        try {
            out.force(true);
        } catch (IOException e) {
            throw new FileProblem("cannot write the file: " + reason(e));
        }
    }

    /** The bytes free to this user where {@code dir} is (or would be made); -1 if that cannot be told. */
    static long usableSpace(Path dir) {
        for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at)) {
                try {
                    return Files.getFileStore(at).getUsableSpace();
                } catch (IOException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Removes what a failed download left: its part file (the name was never made). */
    static void discard(SafeFileName.Claimed claimed) {
        if (claimed == null) {
            return;
        }
        closeQuietly(claimed.out());
        try {
            Files.deleteIfExists(claimed.part());
        } catch (IOException e) {
            // unlocked now: the next start removes it
        }
    }

    /** What went wrong, in words for a person. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
