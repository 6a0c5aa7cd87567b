package chat.server.accounts;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may hash a password now: at most one hash per processor at once, logins first, and account changes
 * ({@code /register}, {@code /password}) on at most half of them. A login waits only for the hashes already
 * running, never behind a queue of changes; a change also waits while any login does. So a storm of account
 * changes slows itself, and leaves honest logins and the chat's own threads a processor of their own.
 */
final class HashSlots {
    private final int slots;
    private final int changeSlots;
    // a lock, not a monitor: a virtual thread waiting on a monitor holds its carrier on JDK 21-23
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int busy; // guarded by lock
    private int changesBusy; // guarded by lock
    private int loginsWaiting; // guarded by lock

    /** For {@code processors} processors: as many slots, half of them (at least one) for changes. */
    HashSlots(int processors) {
        this.slots = Math.max(1, processors);
        this.changeSlots = Math.max(1, slots / 2);
    }

    /** Takes a slot, waiting as long as it takes; {@code login}: ahead of every account change. */
    void take(boolean login) {
        boolean interrupted = false;
        lock.lock();
        if (login) {
            loginsWaiting++;
        }
        try {
            while (busy >= slots || !login && (loginsWaiting > 0 || changesBusy >= changeSlots)) {
                try {
                    freed.await();
                } catch (InterruptedException e) {
                    interrupted = true; // a hash is short: wait for it, and pass the interrupt on after
                }
            }
            busy++;
            if (!login) {
                changesBusy++;
            }
        } finally {
            if (login) {
                loginsWaiting--;
            }
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives back a slot taken by {@link #take} with the same {@code login}. */
    void give(boolean login) {
        lock.lock();
        try {
            busy--;
            if (!login) {
                changesBusy--;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
