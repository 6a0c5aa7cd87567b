package chat.client.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a name a sender offered into one that is safe to create in the download directory, on any system:
 * no path, no control or reserved characters, no name Windows reserves, not hidden, not too long; and finds
 * one that does not exist yet ({@code name (1).ext}), so that nothing is ever overwritten.
 */
public final class SafeFileName {
    static final int MAX_BYTES = 200;
    private static final int MAX_TRIES = 10_000;
    private static final String RESERVED = "<>:\"/\\|?*";
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /**
     * What a file being received is written to until its hash is checked, beside its name: a name of our own,
     * so that a leftover is never mistaken for another program's {@code .part} (a browser's, say).
     */
    public static final String PART = ".chat-part";

    /**
     * A file being received: the name it will get ({@code target}, not made yet) and the part file its bytes go
     * to, made, open and locked ({@code out}): the lock tells a client starting meanwhile that it is in use.
     */
    public record Claimed(Path target, Path part, FileChannel out) {}

    private SafeFileName() {}

    /** The safe form of {@code offered}; never empty, never a path. */
    public static String of(String offered) {
        String name = offered.substring(Math.max(offered.lastIndexOf('/'), offered.lastIndexOf('\\')) + 1);
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F || c >= 0x80 && c <= 0x9F || Character.getType(c) == Character.FORMAT) {
                return; // control and invisible formatting characters: dropped
            }
            sb.appendCodePoint(RESERVED.indexOf(c) >= 0 ? '_' : c);
        });
        name = sb.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1); // not hidden, and never "." or ".."
        }
        while (name.endsWith(".") || name.endsWith(" ")) {
            name = name.substring(0, name.length() - 1); // Windows drops these, making another name
        }
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (WINDOWS_DEVICES.contains(stem.toLowerCase(Locale.ROOT))) {
            name = "_" + name;
        }
        name = shorten(name);
        return name.isEmpty() ? "file" : name;
    }

    /** At most {@value #MAX_BYTES} bytes of UTF-8, keeping the extension. */
    private static String shorten(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        while (!stem.isEmpty() && (stem + extension).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
        }
        return stem + extension;
    }

    /**
     * Claims a new file for {@code offered} in {@code dir}: {@code name}, else {@code name (1)}, {@code name (2)}
     * ... whichever exists neither as a file nor as a part file; only the part file is made (so no other
     * transfer takes the name, and nothing empty stands under the name while the bytes come).
     */
    public static Claimed claim(Path dir, String offered) throws IOException {
        for (Path target : candidates(dir, offered)) {
            Path part = dir.resolve(target.getFileName() + PART);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            FileChannel out;
            try {
                out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                if (out.tryLock() == null) {
                    throw new IOException("cannot lock " + part);
                }
            } catch (IOException | RuntimeException e) {
                out.close();
                Files.deleteIfExists(part);
                throw e;
            }
            return new Claimed(target, part, out);
        }
        throw new IOException("too many files named like " + of(offered) + " in " + dir);
    }

    /**
     * Gives a received file its name: {@code claimed}'s, else the first free one after it if another program
     * made that name meanwhile. Never replaces a file. Returns the name given.
     */
    public static Path settle(Claimed claimed) throws IOException {
        Path dir = claimed.part().getParent();
        String offered = claimed.target().getFileName().toString();
        for (Path target : candidates(dir, offered)) {
            try {
                Files.move(claimed.part(), target); // no REPLACE_EXISTING: fails if the name exists
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken meanwhile: the next
            }
        }
        throw new IOException("too many files named like " + offered + " in " + dir);
    }

    /** {@code name}, {@code name (1)}, {@code name (2)} ... in {@code dir}, made as they are tried. */
    private static Iterable<Path> candidates(Path dir, String offered) {
        String name = of(offered);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return () -> IntStream.range(0, MAX_TRIES)
                .mapToObj(n -> dir.resolve(n == 0 ? name : stem + " (" + n + ")" + extension)).iterator();
    }
}
