package chat.common.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} drawn for a person: the options in sections under headings where there are many, and every
 * text wrapped at spaces only. picocli's own wrapping may break inside a word at a dot or a slash, which cut
 * paths in two ({@code ~/.} / {@code local/share/...}).
 */
public final class ReadableHelp {
    /** Where descriptions start; longer option columns put the description on the next row. */
    private static final int DESCRIPTION_COLUMN = 32;
    private static final int MIN_WIDTH = 60;

    /** A heading of the option list, and the long names of its options in the order shown. */
    public record Section(String heading, List<String> options) {
        public Section(String heading, String... options) {
            this(heading, List.of(options));
        }
    }

    private final List<Section> sections;

    private ReadableHelp(List<Section> sections) {
        this.sections = sections;
    }

    /**
     * Draws {@code cli}'s description and options this way. Options in no section are listed after them, under
     * "Other" (or with no heading when there are no sections); help and version come last.
     */
    public static void install(CommandLine cli, List<Section> sections) {
        ReadableHelp help = new ReadableHelp(sections);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, help::description);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help::options);
    }

    /** Each line of the command's description, wrapped at spaces. */
    private String description(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().description()) {
            for (String paragraph : line.split("%n", -1)) { // picocli's line break; no other format is read
                for (String row : wrap(paragraph, width(help))) {
                    sb.append(row).append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }

    private String options(CommandLine.Help help) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec option : help.commandSpec().options()) {
            byName.put(option.longestName(), option);
        }
        Set<String> shown = new LinkedHashSet<>();
        StringBuilder sb = new StringBuilder();
        for (Section section : sections) {
            sb.append(System.lineSeparator()).append(section.heading()).append(':').append(System.lineSeparator());
            for (String name : section.options()) {
                OptionSpec option = byName.get(name);
                if (option == null) {
                    throw new IllegalStateException("no option " + name + " for the help section " + section.heading());
                }
                append(sb, option, width(help));
                shown.add(name);
            }
        }
        List<OptionSpec> rest = new ArrayList<>();
        List<OptionSpec> standard = new ArrayList<>();
        for (OptionSpec option : byName.values()) {
            if (!shown.contains(option.longestName())) {
                (option.usageHelp() || option.versionHelp() ? standard : rest).add(option);
            }
        }
        if (!rest.isEmpty()) {
            sb.append(System.lineSeparator()).append(sections.isEmpty() ? "" : "Other:" + System.lineSeparator());
        }
        rest.forEach(option -> append(sb, option, width(help)));
        if (!sections.isEmpty()) {
            sb.append(System.lineSeparator());
        }
        standard.forEach(option -> append(sb, option, width(help)));
        return sb.toString();
    }

    /** One option: its names and value on the left, its description wrapped beside it. */
    private static void append(StringBuilder sb, OptionSpec option, int width) {
        String names = String.join(", ", option.names());
        String left = "  " + (option.names().length == 1 && option.shortestName().startsWith("--") ? "    " : "") + names
                + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
        List<String> rows = wrap(String.join(" ", option.description()), width - DESCRIPTION_COLUMN);
        String pad = " ".repeat(DESCRIPTION_COLUMN);
        if (rows.isEmpty() || left.length() + 2 > DESCRIPTION_COLUMN) {
            sb.append(left).append(System.lineSeparator());
        } else {
            sb.append(left).append(" ".repeat(DESCRIPTION_COLUMN - left.length())).append(rows.remove(0))
                    .append(System.lineSeparator());
        }
        for (String row : rows) {
            sb.append(pad).append(row).append(System.lineSeparator());
        }
    }

    private static int width(CommandLine.Help help) {
        return Math.max(MIN_WIDTH, help.commandSpec().usageMessage().width());
    }

    /** {@code text} in rows of at most {@code width} characters, broken at spaces; a longer word has a row of its own. */
    static List<String> wrap(String text, int width) {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (row.length() > 0 && row.length() + 1 + word.length() > width) {
                rows.add(row.toString());
                row.setLength(0);
            }
            if (row.length() > 0) {
                row.append(' ');
            }
            row.append(word);
        }
        if (row.length() > 0) {
            rows.add(row.toString());
        }
        return rows;
    }
}
