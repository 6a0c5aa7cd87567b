package chat.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
    @Test
    void theVariableWhenSetElseTheDefaultUnderHome() {
        assertThat(UserDirs.CONFIG.in(Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/u")).isEqualTo(Path.of("/x/cfg"));
        assertThat(UserDirs.CONFIG.in(Map.of("XDG_CONFIG_HOME", " "), "/home/u")).isEqualTo(Path.of("/home/u/.config"));
        assertThat(UserDirs.STATE.in(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/state"));
        assertThat(UserDirs.DATA.in(Map.of("XDG_DATA_HOME", "/d"), "/home/u")).isEqualTo(Path.of("/d"));
        assertThat(UserDirs.DATA.in(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/share"));
    }
}
