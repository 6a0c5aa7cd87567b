package chat.common.files;

import java.nio.file.Path;
import java.util.Map;

/**
 * The per-user base directories where the programs keep files, as the XDG Base Directory specification
 * names them: the variable when it is set and not blank, else its default under the home directory.
 */
public enum UserDirs {
    /** Settings a person edits or the program remembers: {@code $XDG_CONFIG_HOME}, {@code ~/.config}. */
    CONFIG("XDG_CONFIG_HOME", ".config"),
    /** State kept between runs, such as history: {@code $XDG_STATE_HOME}, {@code ~/.local/state}. */
    STATE("XDG_STATE_HOME", ".local/state"),
    /** Data a program owns, such as a server's certificate: {@code $XDG_DATA_HOME}, {@code ~/.local/share}. */
    DATA("XDG_DATA_HOME", ".local/share");

    private final String variable;
    private final String underHome;

    UserDirs(String variable, String underHome) {
        this.variable = variable;
        this.underHome = underHome;
    }

    /** The directory, from {@code env} and {@code home}. */
    public Path in(Map<String, String> env, String home) {
        String set = env.get(variable);
        return set != null && !set.isBlank() ? Path.of(set) : Path.of(home).resolve(underHome);
    }

    /** The directory of this process's user. */
    public Path here() {
        return in(System.getenv(), System.getProperty("user.home"));
    }
}
