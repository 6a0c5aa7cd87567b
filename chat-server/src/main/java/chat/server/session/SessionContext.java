package chat.server.session;

import chat.server.accounts.Registry;
import chat.server.admission.Admission;
import chat.server.command.CommandContext;
import chat.server.config.ServerConfig;
import chat.server.roster.Roster;
import chat.server.roster.WriterGate;
import chat.server.roster.WriterPool;
import chat.server.store.Store;
import chat.server.transfer.Transfers;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@link ClientSession} needs of the server it belongs to, handed over when it is made, so that a
 * session never reaches back into {@code ChatServer}.
 *
 * @param writers the workers that write every connection, or null: each has a writer thread of its own
 * @param writerGate where those writer threads wait for an instant's lines; null with {@code writers}
 * @param registry registered names, bans, wrong guesses
 * @param transfers the file transfers offered and running
 * @param store what the server keeps on disk (history, search), or null: nothing
 * @param showAddresses whether {@code JOIN} carries the joiner's address (else {@code -})
 * @param status the text of the answer to {@code /status} (docs/PROTOCOL.md, "Status")
 * @param onEnded called once on the session's reader thread when it has ended and closed its socket
 */
public record SessionContext(
        ServerConfig config,
        Roster roster,
        SessionThreads threads,
        WriterPool writers,
        WriterGate writerGate,
        ScheduledExecutorService timer,
        Admission admission,
        Registry registry,
        Transfers transfers,
        Store store,
        boolean showAddresses,
        Supplier<String> status,
        Consumer<ClientSession> onEnded) {

    /** The part of this that a member's commands use. */
    CommandContext commands() {
        return new CommandContext(config, roster, registry, transfers, store, showAddresses);
    }
}
