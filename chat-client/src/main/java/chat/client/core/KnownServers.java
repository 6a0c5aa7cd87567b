package chat.client.core;

import chat.common.files.AtomicFile;
import chat.common.files.UserDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servers whose certificates were trusted on first use, as SSH keeps {@code known_hosts}: one line per
 * server, {@code host:port SHA256:fingerprint}, in {@code $XDG_CONFIG_HOME/chat/known_servers} (by default
 * {@code ~/.config/chat/known_servers}), written crash-safely. Thread-safe.
 */
public final class KnownServers {
    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    public static Path defaultPath(Map<String, String> env, String home) {
        return UserDirs.CONFIG.in(env, home).resolve("chat").resolve("known_servers");
    }

    public Path path() {
        return file;
    }

    /** The fingerprint remembered for {@code server}, or null. */
    public synchronized String fingerprint(String server) throws IOException {
        return read().get(key(server));
    }

    /** Remembers {@code fingerprint} for {@code server}, replacing what was there. */
    public synchronized void remember(String server, String fingerprint) throws IOException {
        Map<String, String> all = read();
        all.put(key(server), fingerprint);
        StringBuilder text = new StringBuilder("# servers whose certificates you trusted: host:port fingerprint\n");
        all.forEach((s, f) -> text.append(s).append(' ').append(f).append('\n'));
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return all;
        }
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !parts[0].startsWith("#")) {
                all.put(parts[0], parts[1]);
            }
        }
        return all;
    }

    private static String key(String server) {
        return server.toLowerCase(Locale.ROOT);
    }
}
