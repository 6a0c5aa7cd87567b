package chat.common.protocol;

/**
 * What one line typed by a client means; one record per form of docs/PROTOCOL.md, "Client to server".
 *
 * <p>{@link CommandParser} is the only code that turns a line into one of these.
 */
public sealed interface ClientCommand {

    /** Plain text, or text escaped with {@code //}: a public message. */
    record Say(String text) implements ClientCommand {}

    /** {@code /msg NAME text}. The name is as typed; it need not be valid or online. */
    record PrivateMsg(String to, String text) implements ClientCommand {}

    /** {@code /me text}: an action, shown as "* name text". */
    record Me(String text) implements ClientCommand {}

    /** {@code /list}. */
    record ListUsers() implements ClientCommand {}

    /** {@code /help}. */
    record Help() implements ClientCommand {}

    /** {@code /quit [reason]} or exactly {@code quit}; the reason may be empty. */
    record Quit(String reason) implements ClientCommand {}

    /** An empty or all-blank line: ignored. */
    record Blank() implements ClientCommand {}

    /** A known command used wrongly; {@code usage} shows the right form. */
    record Malformed(String usage) implements ClientCommand {}

    /** {@code /word} that is not a command. */
    record Unknown(String command) implements ClientCommand {}
}
