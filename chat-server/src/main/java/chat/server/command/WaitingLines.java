package chat.server.command;

import chat.common.protocol.ErrorCode;
import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.accounts.Accounts;
import chat.server.roster.Roster;
import chat.server.store.Store;
import chat.server.store.StoreException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private line to a registered name that is not online: kept in the store and given to that name when it
 * next logs in with its password (docs/PROTOCOL.md, "History and search"). Only registered names: anyone could
 * take another name at its next login. At most {@link #MOST_PER_RECIPIENT} lines wait for one name, {@link
 * #MOST_PER_SENDER} of them from one sender, so that nobody can fill another's box alone.
 */
final class WaitingLines {
    private static final Logger log = LoggerFactory.getLogger(WaitingLines.class);
    static final int MOST_PER_RECIPIENT = 100;
    static final int MOST_PER_SENDER = 20;

    private final Store store; // null: nothing is kept
    private final Accounts accounts;
    private final Roster.Member me;
    private final Consumer<ServerEvent> reply;

    WaitingLines(Store store, Accounts accounts, Roster.Member me, Consumer<ServerEvent> reply) {
        this.store = store;
        this.accounts = accounts;
        this.me = me;
        this.reply = reply;
    }

    /** Keeps {@code text} for {@code to} if it is a registered name; false if it is not one (or nothing is kept). */
    boolean keep(String to, String text) {
        String registered = store == null ? null : accounts.registeredAs(to);
        if (registered == null) {
            return false;
        }
        byte[] line = EventCodec.encodeLine(new ServerEvent.Private(me.name().value(), registered, text));
        int waiting;
        try {
            waiting = store.keepWaiting(Username.key(registered), me.name().key(), System.currentTimeMillis(), line,
                    MOST_PER_RECIPIENT, MOST_PER_SENDER);
        } catch (StoreException e) {
            log.warn("{}: {}", me.name(), e.getMessage());
            reply.accept(ErrorCode.STORE_FAILED.event());
            return true;
        }
        if (waiting == 0) {
            reply.accept(ErrorCode.WAITING_FULL.event(registered, MOST_PER_RECIPIENT, MOST_PER_SENDER));
            return true;
        }
        me.outbox().offer(line); // the sender sees what it sent, as for a member online
        reply.accept(new ServerEvent.Info(registered + " is not online: your line waits for them, and they get it when they"
                + " next log in (" + waiting + (waiting == 1 ? " line waits)" : " lines wait)")));
        return true;
    }
}
