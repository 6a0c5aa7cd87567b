package chat.server.transfer;

import chat.common.protocol.ServerEvent;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * One logged-in member as file transfer sees it; one per session, compared by identity, so a member who
 * leaves and a newcomer under the same name are never confused.
 *
 * @param encrypted whether its chat connection is TLS: its data connections must be too
 */
public final class Party {
    private final String name;
    private final InetAddress address;
    private final boolean encrypted;
    private final Consumer<ServerEvent> tell;
    /** It left the chat: no transfer may start with it. Guarded by the lock of {@link Transfers}. */
    boolean gone;

    /** @param tell queues an event for the member (never blocks) */
    public Party(String name, InetAddress address, boolean encrypted, Consumer<ServerEvent> tell) {
        this.name = name;
        this.address = address;
        this.encrypted = encrypted;
        this.tell = tell;
    }

    public String name() {
        return name;
    }

    InetAddress address() {
        return address;
    }

    boolean encrypted() {
        return encrypted;
    }

    void tell(ServerEvent event) {
        tell.accept(event);
    }

    @Override
    public String toString() {
        return name;
    }
}
