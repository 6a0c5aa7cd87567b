package chat.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What a {@link ClientSession} needs of the server it belongs to, handed over when it is made, so that a
 * session never reaches back into {@link ChatServer}.
 *
 * @param showAddresses whether {@code JOIN} carries the joiner's address (else {@code -})
 * @param onEnded called once on the session's reader thread when it has ended and closed its socket
 */
record SessionContext(
        ServerConfig config,
        Roster roster,
        SessionThreads threads,
        ScheduledExecutorService timer,
        Admission admission,
        boolean showAddresses,
        Consumer<ClientSession> onEnded) {}
