package chat.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ReadableHelpTest {
    @Command(name = "demo.jar", mixinStandardHelpOptions = true, customSynopsis = "demo.jar [OPTION]...",
            description = "Keeps files in ~/.local/share/demo, 100% of the time.%nA second paragraph.")
    static final class Demo {
        @Option(names = "--dir", paramLabel = "DIR", description = "Where it keeps them (default: ~/.local/share/demo/files).")
        String dir;

        @Option(names = "--quiet", description = "Says less.")
        boolean quiet;
    }

    @Test
    void wrapsAtSpacesOnlyAndKeepsPathsWhole() {
        CommandLine cli = new CommandLine(new Demo());
        ReadableHelp.install(cli, List.of(new ReadableHelp.Section("Files", "--dir")));
        String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("Keeps files in ~/.local/share/demo, 100% of the time.", "A second paragraph.",
                "Files:", "~/.local/share/demo/files", "Other:", "--quiet", "-h, --help");
        assertThat(help.indexOf("Files:")).isLessThan(help.indexOf("Other:"));
    }

    @Test
    void aWordLongerThanTheRowHasARowOfItsOwn() {
        assertThat(ReadableHelp.wrap("see /a/very/long/path/that/does/not/fit here", 10))
                .containsExactly("see", "/a/very/long/path/that/does/not/fit", "here");
    }

    @Test
    void aSectionNamingNoOptionIsAMistakeFoundAtOnce() {
        CommandLine cli = new CommandLine(new Demo());
        ReadableHelp.install(cli, List.of(new ReadableHelp.Section("Files", "--nope")));
        assertThatThrownBy(() -> cli.getUsageMessage()).hasMessageContaining("no option --nope");
    }
}
