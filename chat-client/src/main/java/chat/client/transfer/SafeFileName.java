package chat.client.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a name a sender offered into one that is safe to create in the download directory, on any system:
 * no path, no control or reserved characters, no name Windows reserves, not hidden, not too long; and finds
 * one that does not exist yet ({@code name (1).ext}), so that nothing is ever overwritten.
 */
public final class SafeFileName {
    static final int MAX_BYTES = 200;
    private static final String RESERVED = "<>:\"/\\|?*";
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** A file received and the {@code .part} file its bytes go to until its hash is checked. */
    public record Claimed(Path target, Path part) {}

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
     * ... whichever does not exist, created empty (so no other transfer takes it), with a new {@code .part} file
     * beside it.
     */
    public static Claimed claim(Path dir, String offered) throws IOException {
        String name = of(offered);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 0; n < 10_000; n++) {
            Path target = dir.resolve(n == 0 ? name : stem + " (" + n + ")" + extension);
            Path part = dir.resolve(target.getFileName() + ".part");
            if (Files.exists(part, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createFile(target);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                Files.createFile(part);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(target);
                continue;
            }
            return new Claimed(target, part);
        }
        throw new IOException("too many files named like " + name + " in " + dir);
    }
}
