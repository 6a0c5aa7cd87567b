package chat.client.core;

import chat.client.transfer.FileTransfers;
import chat.common.protocol.ClientCommand;
import chat.common.protocol.CommandParser;
import java.util.Locale;

/**
 * What a line a person typed means to the client, read once: a command for the server (text included), or
 * one of the file commands the client carries out itself, where it knows what the server does not (which
 * offer is the latest, which transfer the only one running).
 */
public sealed interface TypedLine {
    /** A line for the server as typed ({@code line}), and as the server will read it ({@code command}). */
    record ForServer(ClientCommand command, String line) implements TypedLine {}

    /** {@code /send NAME PATH}: offer a file; {@code path} as typed (a leading {@code ~/} is the home). */
    record SendFile(String to, String path) implements TypedLine {}

    /** {@code /accept [ID]} or {@code /decline [ID]}; {@code id} 0: the latest offer to this person. */
    record Answer(boolean accept, long id) implements TypedLine {}

    /** {@code /cancel [ID]}; {@code id} 0: the only transfer under way. */
    record Cancel(long id) implements TypedLine {}

    /** {@code /transfers}: the transfers under way. */
    record ListTransfers() implements TypedLine {}

    /** A file command typed wrongly; {@code usage} says how. */
    record Misused(String usage) implements TypedLine {}

    /**
     * Whether it carries a password ({@code /register}, {@code /password} or {@code /oper} with one): kept out
     * of every history and never echoed.
     */
    default boolean carriesPassword() {
        return this instanceof ForServer f && (f.command() instanceof ClientCommand.Register
                || f.command() instanceof ClientCommand.ChangePassword || f.command() instanceof ClientCommand.Oper);
    }

    /** Whether it leaves the chat ({@code quit}, {@code /quit}). */
    default boolean quits() {
        return this instanceof ForServer f && f.command() instanceof ClientCommand.Quit;
    }

    static TypedLine parse(String line) {
        String[] words = line.strip().split(" ", 2);
        String word = words[0].toLowerCase(Locale.ROOT);
        String args = words.length > 1 ? words[1].strip() : "";
        switch (word) {
            case "/send": {
                String[] parts = args.split(" ", 2);
                return parts.length < 2 || parts[1].isBlank() ? new Misused(FileTransfers.SEND_USAGE)
                        : new SendFile(parts[0], parts[1].strip());
            }
            case "/accept":
            case "/decline": {
                long id = args.isEmpty() ? 0 : CommandParser.transferId(args);
                return !args.isEmpty() && id <= 0 ? new Misused(word + " [ID]") : new Answer(word.equals("/accept"), id);
            }
            case "/cancel": {
                long id = args.isEmpty() ? 0 : CommandParser.transferId(args);
                return !args.isEmpty() && id <= 0 ? new Misused(FileTransfers.CANCEL_USAGE) : new Cancel(id);
            }
            case "/transfers":
                return new ListTransfers();
            default:
                return new ForServer(CommandParser.parse(line), line);
        }
    }
}
