package chat.server;

import chat.common.files.UserDirs;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The server's configuration file: a Java properties file whose keys are the option names without their
 * dashes ({@code max-clients=500}); an option on the command line wins over the file. Found at
 * {@code --config FILE}, else at {@code $XDG_CONFIG_HOME/chat/server.properties} (by default
 * {@code ~/.config/chat/server.properties}) if that exists. A key that is no option is an error, so a typo
 * is not silently ignored.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
    private final Path path;
    private final Properties values;

    private ConfigFile(Path path, Properties values) {
        this.path = path;
        this.values = values;
    }

    /** The file named by {@code --config} in {@code args}, else the default one if it exists, else null. */
    static Path locate(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        Path fallback = defaultPath();
        return Files.isRegularFile(fallback) ? fallback : null;
    }

    /** Options that are not settings: the file itself, and the commands run once on the console. */
    static final Set<String> NOT_SETTINGS = Set.of("config", "add-account", "set-password");

    /** {@code $XDG_CONFIG_HOME/chat/server.properties}, or under {@code ~/.config} without XDG_CONFIG_HOME. */
    static Path defaultPath() {
        return UserDirs.CONFIG.here().resolve("chat").resolve("server.properties");
    }

    /**
     * Reads {@code path} and checks its keys against the options of {@code spec}.
     *
     * @throws IllegalArgumentException with a one-line reason: unreadable, or an unknown key
     */
    static ConfigFile load(Path path, CommandLine.Model.CommandSpec spec) {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read config file " + path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage());
        }
        Set<String> known = new TreeSet<>();
        spec.options().forEach(o -> known.add(key(o)));
        known.removeAll(NOT_SETTINGS);
        for (String key : values.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + path + "; settings are: " + String.join(", ", known));
            }
        }
        return new ConfigFile(path, values);
    }

    Path path() {
        return path;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec) {
            String value = values.getProperty(key((CommandLine.Model.OptionSpec) argSpec));
            return value == null ? null : value.strip();
        }
        return null;
    }

    private static String key(CommandLine.Model.OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }
}
