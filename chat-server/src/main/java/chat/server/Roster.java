package chat.server;

import chat.common.protocol.EventCodec;
import chat.common.protocol.ServerEvent;
import chat.common.protocol.Username;
import chat.server.transfer.Party;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who is logged in, under names unique case-insensitively, and the one path by which lines reach everyone.
 *
 * <p>Every change of membership and every broadcast happens under one lock, so all members see joins,
 * leaves and messages in one and the same order, and a member sees exactly the broadcasts made between its
 * join and its leave. The lock is held only to offer lines to outboxes, which never block; nothing else may
 * be locked while holding it (docs/DESIGN.md, "Locks").
 *
 * <p>Above {@code announceLimit} members, joins and leaves are not announced to everyone (the newcomer still
 * gets its own {@code JOIN}): in a big room they would be noise, and a storm of logins would cost the square
 * of their number in lines. {@link #names()} stays exact.
 */
final class Roster {
    /**
     * A logged-in connection as the roster sees it.
     *
     * @param privateInbox private lines it may receive from everyone together; null for no limit
     * @param address where it connected from
     * @param since when it logged in
     * @param standing whether it is registered, and an operator
     * @param removal ends its session for a moderator, with a reason everyone sees
     * @param party the member as file transfer sees it
     */
    record Member(Username name, Outbox outbox, RateLimiter privateInbox, InetAddress address, Instant since,
            Standing standing, Removal removal, Party party) {

        /** A member with no standing, from loopback, on plain text, who cannot be removed (tests). */
        Member(Username name, Outbox outbox, RateLimiter privateInbox) {
            this(name, outbox, privateInbox, InetAddress.getLoopbackAddress(), Instant.now(), new Standing(), reason -> { },
                    new Party(name.value(), InetAddress.getLoopbackAddress(), false, e -> outbox.offer(EventCodec.encodeLine(e))));
        }
    }

    /** Ends a member's session on a moderator's word. */
    interface Removal {
        void remove(String reason);
    }

    private final int announceLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Member> byKey = new LinkedHashMap<>(); // guarded by lock

    Roster(int announceLimit) {
        this.announceLimit = announceLimit;
    }

    /**
     * Adds {@code member} if its name is free; then, atomically with the join, sends it {@code welcome} and
     * {@code join}, and broadcasts {@code join} to everyone else unless the room is over the announce limit.
     * Operators get {@code joinForOperators} instead (it shows the address where {@code join} hides it).
     *
     * @return false if the name is taken; nothing was sent then
     */
    boolean tryJoin(Member member, ServerEvent welcome, ServerEvent join, ServerEvent joinForOperators) {
        lock.lock();
        try {
            if (byKey.putIfAbsent(member.name().key(), member) != null) {
                return false;
            }
            member.outbox().offer(EventCodec.encodeLine(welcome));
            byte[] joinLine = EventCodec.encodeLine(join);
            byte[] operatorLine = joinForOperators.equals(join) ? joinLine : EventCodec.encodeLine(joinForOperators);
            if (byKey.size() <= announceLimit) {
                for (Member m : byKey.values()) {
                    m.outbox().offer(m.standing().operator() ? operatorLine : joinLine);
                }
            } else {
                member.outbox().offer(member.standing().operator() ? operatorLine : joinLine);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes {@code member} and broadcasts {@code leave} to those who remain, unless over the announce limit
     * and not {@code always} (a kick or ban is announced in any room).
     */
    void leave(Member member, ServerEvent leave, boolean always) {
        lock.lock();
        try {
            boolean announce = always || byKey.size() <= announceLimit;
            if (byKey.remove(member.name().key(), member) && announce) {
                broadcastLocked(EventCodec.encodeLine(leave));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code event} to every member, encoded once and the bytes shared, without waking the writers:
     * the caller must call {@link #wakeAll()} before it could block. A reader with several lines buffered
     * so hands each writer one batch instead of one wake-up per line.
     */
    void broadcastDeferred(ServerEvent event) {
        byte[] line = EventCodec.encodeLine(event);
        lock.lock();
        try {
            offerToAll(line, false);
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code event} to every member now. */
    void broadcast(ServerEvent event) {
        byte[] line = EventCodec.encodeLine(event);
        lock.lock();
        try {
            broadcastLocked(line);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every writer holding lines queued by {@link #broadcastDeferred}. */
    void wakeAll() {
        lock.lock();
        try {
            for (Member member : byKey.values()) {
                member.outbox().wake();
            }
        } finally {
            lock.unlock();
        }
    }

    private void broadcastLocked(byte[] line) {
        offerToAll(line, true);
    }

    private void offerToAll(byte[] line, boolean wakeNow) {
        for (Member member : byKey.values()) {
            if (wakeNow) {
                member.outbox().offer(line);
            } else {
                member.outbox().offerDeferred(line);
            }
        }
    }

    /** The member logged in under {@code name} (any case), or null. */
    Member find(String name) {
        lock.lock();
        try {
            return byKey.get(Username.key(name));
        } finally {
            lock.unlock();
        }
    }

    /** Everyone online now, in the order they joined. */
    List<Member> members() {
        lock.lock();
        try {
            return List.copyOf(byKey.values());
        } finally {
            lock.unlock();
        }
    }

    /** The names online, sorted case-insensitively. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        lock.lock();
        try {
            byKey.values().forEach(m -> names.add(m.name().value()));
        } finally {
            lock.unlock();
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    int size() {
        lock.lock();
        try {
            return byKey.size();
        } finally {
            lock.unlock();
        }
    }
}
