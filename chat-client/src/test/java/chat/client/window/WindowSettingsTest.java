package chat.client.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowSettingsTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        Path file = dir.resolve("chat").resolve("window.properties");
        WindowSettings saved = new WindowSettings("chat.example", 7000, "bob", true, true);
        saved.save(file);
        assertThat(WindowSettings.load(file)).isEqualTo(saved);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left beside it
        }
    }

    @Test
    void aMissingOrDamagedFileGivesTheDefaults() throws Exception {
        assertThat(WindowSettings.load(dir.resolve("none"))).isEqualTo(WindowSettings.DEFAULTS);
        Path damaged = dir.resolve("damaged");
        Files.writeString(damaged, "port=seventy\nhost=h\n");
        assertThat(WindowSettings.load(damaged)).isEqualTo(new WindowSettings("h", WindowSettings.DEFAULTS.port(), "", false, false));
    }

    @Test
    void livesInTheUsersConfigDirectory() {
        assertThat(WindowSettings.defaultPath(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u"))
                .isEqualTo(Path.of("/x/cfg/chat/window.properties"));
        assertThat(WindowSettings.defaultPath(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.config/chat/window.properties"));
    }
}
