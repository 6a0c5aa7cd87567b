package chat.common.protocol;

import java.util.List;
import java.util.Locale;

/**
 * Reads the meaning of one line a client typed. Lines are what a person types, so {@code nc} is a client.
 *
 * <p>Command words are case-insensitive; a line starting with {@code //} is text starting with {@code /}.
 */
public final class CommandParser {
    public static final String MSG_USAGE = "/msg NAME text";
    public static final String SAY_USAGE = "/say text";
    public static final String ME_USAGE = "/me action";
    /** The command words, as a client offers them for completion. */
    public static final List<String> COMMANDS = List.of("/msg", "/me", "/list", "/help", "/quit", "/say");

    private CommandParser() {}

    public static ClientCommand parse(String line) {
        if (line.isBlank()) {
            return new ClientCommand.Blank();
        }
        if (line.equals("quit")) {
            return new ClientCommand.Quit("");
        }
        if (!line.startsWith("/")) {
            return new ClientCommand.Say(line);
        }
        if (line.startsWith("//")) {
            return new ClientCommand.Say(line.substring(1));
        }
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1);
        switch (word) {
            case "/msg":
                return privateMessage(args);
            case "/list":
                return new ClientCommand.ListUsers();
            case "/help":
                return new ClientCommand.Help();
            case "/quit":
                return new ClientCommand.Quit(args.strip());
            case "/me":
                return args.isBlank() ? new ClientCommand.Malformed(ME_USAGE) : new ClientCommand.Me(args);
            case "/say":
                return args.isEmpty() ? new ClientCommand.Malformed(SAY_USAGE) : new ClientCommand.Say(args);
            default:
                return new ClientCommand.Unknown(word);
        }
    }

    private static ClientCommand privateMessage(String args) {
        String rest = args.stripLeading();
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.substring(space + 1).isBlank()) {
            return new ClientCommand.Malformed(MSG_USAGE);
        }
        return new ClientCommand.PrivateMsg(rest.substring(0, space), rest.substring(space + 1));
    }
}
