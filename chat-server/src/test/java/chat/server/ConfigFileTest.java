package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigFileTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "server.properties");

    private static CommandLine.Model.CommandSpec spec() {
        return new CommandLine(new ServerMain()).getCommandSpec();
    }

    @Test
    void exampleFileIsReadAndNamesEverySetting() throws IOException {
        ConfigFile.load(EXAMPLE, spec()); // every key it has, once uncommented, is a setting
        TreeSet<String> mentioned = new TreeSet<>();
        for (String line : Files.readAllLines(EXAMPLE)) {
            if (line.matches("#[a-z-]+=.*")) {
                mentioned.add(line.substring(1, line.indexOf('=')));
            }
        }
        TreeSet<String> options = new TreeSet<>();
        spec().options().forEach(o -> options.add(o.longestName().substring(2)));
        options.removeAll(ConfigFile.NOT_SETTINGS);
        options.removeAll(List.of("status", "help", "version"));
        assertThat(mentioned).isEqualTo(options);
    }

    @Test
    void exampleFileWithEverySettingUncommentedGivesTheDefaults(@TempDir Path dir) throws IOException {
        Path uncommented = dir.resolve("server.properties");
        Files.writeString(uncommented, Files.readString(EXAMPLE).replaceAll("(?m)^#([a-z-]+=)", "$1"));
        CommandLine cli = new CommandLine(new ServerMain());
        cli.setDefaultValueProvider(ConfigFile.load(uncommented, cli.getCommandSpec()));
        ServerMain parsed = cli.parseArgs().asCommandLineList().get(0).getCommand();
        ServerMain plain = new CommandLine(new ServerMain()).parseArgs().asCommandLineList().get(0).getCommand();
        // the files, the data directory and the plain port have no fixed default: the example shows usual values
        assertThat(parsed).usingRecursiveComparison().ignoringFields("exitStatus", "maxPending", "tlsCert", "tlsKey", "tlsKeystore", "tlsKeystorePasswordFile", "dataDir", "plainPort", "ircPort",
                        "operators", "serverPasswordFile", "transferPort", "cluster", "clusterPasswordFile", "store", "storePasswordFile")
                .isEqualTo(plain);
        assertThat(parsed.tlsCert).hasFileName("fullchain.pem");
        assertThat(parsed.operators).containsExactly("alice", "bob");
        assertThat(parsed.transferPort).isEqualTo("65433");
        assertThat(parsed.cluster).isEqualTo("redis://127.0.0.1:6379");
        assertThat(parsed.maxPending).isEqualTo(ServerConfig.DEFAULT_MAX_PENDING); // the default, for the default --max-clients
    }

    @Test
    void fileValuesApplyAndTheCommandLineWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "max-clients=7\nport=4000\nrate-limit=off\n");
        CommandLine cli = new CommandLine(new ServerMain());
        cli.setDefaultValueProvider(ConfigFile.load(file, cli.getCommandSpec()));
        ServerMain main = cli.parseArgs("--port", "5000").asCommandLineList().get(0).getCommand();
        assertThat(main.maxClients).isEqualTo(7);
        assertThat(main.rateLimit).isEqualTo("off");
        assertThat(main.port).isEqualTo(5000);
    }

    @Test
    void unknownKeyIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "max-client=7\n");
        assertThatThrownBy(() -> ConfigFile.load(file, spec()))
                .hasMessageStartingWith("unknown setting 'max-client' in " + file + "; settings are: ");
    }

    @Test
    void findsTheFileNamedOnTheCommandLine() {
        assertThat(ConfigFile.locate(new String[] {"--port", "1", "--config", "/etc/chat.properties"}))
                .isEqualTo(Path.of("/etc/chat.properties"));
        assertThat(ConfigFile.locate(new String[] {"--config=/x.properties"})).isEqualTo(Path.of("/x.properties"));
    }

    @Test
    void helpVersionAndStatusAreNoSettings(@TempDir Path dir) throws IOException {
        for (String key : List.of("help", "version", "status")) {
            Path file = dir.resolve(key + ".properties");
            Files.writeString(file, key + "=true\n");
            assertThatThrownBy(() -> ConfigFile.load(file, spec()))
                    .hasMessage("'" + key + "' in " + file + " is no setting: --" + key + " is given on the command line only");
        }
    }

    @Test
    void aBadValueFromTheFileNamesTheFileAndTheLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.properties");
        Files.writeString(file, "tls=yes\nrate-limit=-5\n");
        ConfigFile config = ConfigFile.load(file, spec());
        var tls = spec().findOption("--tls");
        assertThat(config.blame("Invalid value for option '--tls': 'yes' is not a boolean", tls, new String[0]))
                .isEqualTo("tls=yes in " + file + ": Invalid value for option '--tls': 'yes' is not a boolean");
        assertThat(config.blame("--rate-limit must be above 0 (or 'off'), not '-5'", null, new String[0]))
                .isEqualTo("rate-limit=-5 in " + file + ": --rate-limit must be above 0 (or 'off'), not '-5'");
        // given on the command line, the value is the command line's: nothing to blame on the file
        assertThat(config.blame("--rate-limit must be above 0 (or 'off'), not '-3'", null, new String[] {"--rate-limit=-3"}))
                .isEqualTo("--rate-limit must be above 0 (or 'off'), not '-3'");
    }
}
