package chat.client.transfer;

import java.nio.file.Path;
import java.util.Map;

/** Where received files go unless {@code --download-dir} says otherwise (docs/USAGE.md, "Files"). */
public final class Downloads {
    private Downloads() {}

    /** {@code $XDG_DOWNLOAD_DIR/chat} when that is set, else {@code ~/Downloads/chat}. */
    public static Path defaultDir() {
        return defaultDir(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultDir(Map<String, String> env, String home) {
        String xdg = env.get("XDG_DOWNLOAD_DIR");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, "Downloads");
        return base.resolve("chat");
    }
}
