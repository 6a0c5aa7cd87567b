package chat.client.window;

import chat.common.files.AtomicFile;
import chat.common.files.UserDirs;
import chat.common.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the window remembers between runs: the last server, port, name and encryption that logged in, and
 * the theme.
 * Kept in the user's config directory, {@code $XDG_CONFIG_HOME/chat/window.properties} (by default
 * {@code ~/.config/chat/window.properties}), written crash-safely.
 */
record WindowSettings(String host, int port, String name, boolean tls, boolean dark) {
    static final WindowSettings DEFAULTS = new WindowSettings(Protocol.DEFAULT_HOST, Protocol.DEFAULT_PORT, "", false, false);

    static Path defaultPath(Map<String, String> env, String home) {
        return UserDirs.CONFIG.in(env, home).resolve("chat").resolve("window.properties");
    }

    /** The settings in {@code file}; the defaults for anything missing or unreadable. */
    static WindowSettings load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return DEFAULTS;
        }
        int port;
        try {
            port = Integer.parseInt(p.getProperty("port", "").strip());
        } catch (NumberFormatException e) {
            port = DEFAULTS.port();
        }
        return new WindowSettings(p.getProperty("host", DEFAULTS.host()).strip(), port, p.getProperty("name", "").strip(),
                Boolean.parseBoolean(p.getProperty("tls", "false")), Boolean.parseBoolean(p.getProperty("dark", "false")));
    }

    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("name", name);
        p.setProperty("tls", Boolean.toString(tls));
        p.setProperty("dark", Boolean.toString(dark));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), "chat window: the last server that logged in");
        AtomicFile.write(file, out.toByteArray());
    }

    WindowSettings withDark(boolean dark) {
        return new WindowSettings(host, port, name, tls, dark);
    }
}
