/**
 * The commands of a logged-in member, carried out on its reader thread: chat lines, private lines, lists,
 * accounts, moderation and transfers. Sees the server only through {@link chat.server.command.CommandContext},
 * never a socket or a thread. May use roster, transfer, admission, accounts, moderation and config.
 */
package chat.server.command;
