package chat.server;

import chat.common.files.UserDirs;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The server's configuration file: a Java properties file whose keys are the option names without their
 * dashes ({@code max-clients=500}); an option on the command line wins over the file. Found at
 * {@code --config FILE}, else at {@code $XDG_CONFIG_HOME/chat/server.properties} (by default
 * {@code ~/.config/chat/server.properties}) if that exists. A key that is no option is an error, so a typo
 * is not silently ignored.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z0-9-]*)");
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

    /** Options that are not settings: the file itself, and what is run once on the console instead of a server. */
    static final Set<String> NOT_SETTINGS = Set.of("config", "add-account", "set-password", "status", "help", "version");

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
            if (NOT_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' in " + path + " is no setting: --" + key
                        + " is given on the command line only");
            }
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + path + "; settings are: " + String.join(", ", known));
            }
        }
        return new ConfigFile(path, values);
    }

    Path path() {
        return path;
    }

    /**
     * {@code message} about a bad value, saying where the value came from when it was this file's: the first
     * option it names that the command line did not give and this file did ({@code tls=yes in FILE: ...}).
     */
    String blame(String message, CommandLine.Model.ArgSpec failed, String[] args) {
        List<String> named = new ArrayList<>();
        if (failed instanceof CommandLine.Model.OptionSpec option) {
            named.add(key(option));
        }
        Matcher m = OPTION.matcher(message);
        while (m.find()) {
            named.add(m.group(1));
        }
        for (String key : named) {
            boolean onCommandLine = Arrays.stream(args).anyMatch(a -> a.equals("--" + key) || a.startsWith("--" + key + "="));
            if (!onCommandLine && values.getProperty(key) != null) {
                return key + "=" + values.getProperty(key).strip() + " in " + path + ": " + message;
            }
        }
        return message;
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
