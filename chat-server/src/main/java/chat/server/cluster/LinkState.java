package chat.server.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether this node reaches Redis, as its last call found; tells once per change. */
final class LinkState {
    private static final Logger log = LoggerFactory.getLogger(LinkState.class);

    /** Told on the thread whose call found the change. */
    interface Listener {
        void linkDown();

        void linkUp();
    }

    private final String where;
    private final Listener listener;
    private final AtomicBoolean up = new AtomicBoolean(true);

    LinkState(String where, Listener listener) {
        this.where = where;
        this.listener = listener;
    }

    void down(String doing, Exception cause) {
        if (up.compareAndSet(true, false)) {
            log.warn("Lost the link to Redis at {} while {}: {}; holding public lines until it is back", where, doing,
                    cause.getMessage());
            listener.linkDown();
        }
    }

    /** Whether the last call that could tell found Redis reachable. */
    boolean isUp() {
        return up.get();
    }

    void up() {
        if (up.compareAndSet(false, true)) {
            log.info("The link to Redis at {} is back", where);
            listener.linkUp();
        }
    }
}
