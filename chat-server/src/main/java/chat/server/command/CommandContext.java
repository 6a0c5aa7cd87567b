package chat.server.command;

import chat.server.accounts.Registry;
import chat.server.config.ServerConfig;
import chat.server.roster.Roster;
import chat.server.store.Store;
import chat.server.transfer.Transfers;

/**
 * What a member's commands use of the server: narrower than the session's context, so that commands know
 * nothing of sockets, threads or admission.
 *
 * @param registry registered names, bans, wrong guesses, kick holds
 * @param transfers the file transfers offered and running
 * @param store what the server keeps on disk (history, search), or null: nothing
 * @param showAddresses whether members see each other's addresses ({@code /whois} shows them to operators anyway)
 */
public record CommandContext(ServerConfig config, Roster roster, Registry registry, Transfers transfers, Store store,
        boolean showAddresses) {}
