package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options' defaults are the configuration's, and docs/OPERATIONS.md says the options as they are. */
class ServerMainTest {
    private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
    /** A row of an option table: {@code | `--name`, `--other NAME` | unit | default | meaning |}. */
    private static final Pattern ROW = Pattern.compile("^\\| (`--[^|]*) \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`(--[a-z-]+)");

    @Test
    void withNoArgumentsTheServerBuildsExactlyTheBuiltInDefaults(@TempDir Path dir) throws IOException {
        ServerMain main = new ServerMain();
        new CommandLine(main).parseArgs("--data-dir", dir.toString()); // else it would make one in the home
        assertThat(main.config()).isEqualTo(ServerConfig.builder().dataDir(dir).build());
    }

    /** SQLite's library is loaded beside the start only where a server or an account change will open it. */
    @Test
    void sqliteIsPreloadedOnlyWhereTheArgumentsWillOpenIt() {
        assertThat(ServerMain.opensSqlite(new String[] {})).isTrue();
        assertThat(ServerMain.opensSqlite(new String[] {"--port", "0", "--data-dir", "/srv/chat"})).isTrue();
        assertThat(ServerMain.opensSqlite(new String[] {"--add-account", "alice"})).isTrue();
        for (String question : new String[] {"--help", "-h", "--version", "-V", "--status", "--store=postgresql://db/chat"}) {
            assertThat(ServerMain.opensSqlite(new String[] {"--port", "0", question})).as(question).isFalse();
        }
        assertThat(ServerMain.opensSqlite(new String[] {"--store", "postgresql://db/chat"})).isFalse();
    }

    @Test
    void operationsListsEveryOptionWithItsDefault() throws IOException {
        List<String> lines = Files.readAllLines(OPERATIONS);
        for (int i = 1; i < lines.size(); i++) { // a blank line in a table ends it: the rows after render as text
            if (lines.get(i).startsWith("| `--")) {
                assertThat(lines.get(i - 1)).as("the line before %s", lines.get(i)).startsWith("|");
            }
        }
        Map<String, String> documented = new LinkedHashMap<>(); // option -> its default cell
        Matcher row = ROW.matcher(Files.readString(OPERATIONS));
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            while (name.find()) {
                documented.put(name.group(1), row.group(2).strip());
            }
        }
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        new CommandLine(new ServerMain()).getCommandSpec().options().forEach(o -> options.put(o.longestName(), o));

        assertThat(documented.keySet()).as("options in docs/OPERATIONS.md").containsExactlyInAnyOrderElementsOf(options.keySet());
        options.forEach((name, option) -> {
            if (option.defaultValue() != null) {
                assertThat(documented.get(name)).as("default of %s in docs/OPERATIONS.md", name)
                        .startsWith("`" + option.defaultValue() + "`");
            }
        });
    }

    @Test
    void helpShowsEveryOptionInItsSectionWithoutBreakingAWordOrAPath() {
        String help = ServerMain.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).startsWith("Usage: server.jar [OPTION]...").doesNotContain("Other:")
                .contains("--operators=NAME[,NAME...]", "~/.local/share/chat-server", "~/.config/chat/server.properties");
        int at = 0;
        for (String heading : List.of("Running:", "Listening:", "TLS:", "Accounts and operators:", "Limits:",
                "File transfer:", "Cluster:", "Rooms and history:", "Logging:")) {
            int next = help.indexOf("\n" + heading + "\n");
            assertThat(next).as(heading).isGreaterThan(at);
            at = next;
        }
        for (String line : help.lines().toList()) {
            assertThat(line.length()).as("width of: %s", line).isLessThanOrEqualTo(80);
            assertThat(line).as("a row broken inside a path").doesNotEndWith("/.").doesNotEndWith("fullchain.");
        }
        for (OptionSpec option : new CommandLine(new ServerMain()).getCommandSpec().options()) {
            assertThat(help).contains(option.longestName());
        }
    }
}
