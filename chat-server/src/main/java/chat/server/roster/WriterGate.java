package chat.server.roster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the writers of an instant wait for the rest of its lines, where each connection has a writer thread of its
 * own (virtual threads): a writer woken from idle passes here before it takes its lines. The first to come waits
 * (1.5 ms, {@link #likeThePool}) and then lets through every writer that came meanwhile, so one timer serves the
 * instant, however many writers it woke. The lines of one instant come from many readers a little apart (in
 * workload (e) paced, the ten senders of each of 100 rooms at once): without the gate each member's writer woke for
 * each and wrote each apart, 7 writes per member and instant against 1 (docs/BENCHMARKS.md, "An instant's lines in
 * one write"). What Java 17's {@link WriterPool} does with its first-turn wait, for writer threads. A line to an idle
 * chat waits this much more. Any writer's thread.
 */
public final class WriterGate {
    private final long gatherNanos;
    // the instant being waited out, null between instants; each has its own latch, so the one who ends an instant
    // late cannot let through a writer of the next
    private final AtomicReference<CountDownLatch> open = new AtomicReference<>();

    /** @param gatherNanos how long the first writer of an instant waits */
    WriterGate(long gatherNanos) {
        this.gatherNanos = gatherNanos;
    }

    /** A gate whose first writer of an instant waits as long as Java 17's pool waits for its first turn. */
    public static WriterGate likeThePool() {
        return new WriterGate(WriterPool.GATHER_NANOS);
    }

    /** Returns once the instant this writer came in has ended: at most {@code gatherNanos} after the first came. */
    void pass() throws InterruptedException {
        while (true) {
            CountDownLatch instant = open.get();
            if (instant != null) {
                instant.await();
                return;
            }
            CountDownLatch mine = new CountDownLatch(1);
            if (open.compareAndSet(null, mine)) {
                LockSupport.parkNanos(this, gatherNanos); // an early return only makes the instant shorter
                open.set(null); // who comes from now on opens the next instant
                mine.countDown();
                return;
            }
            // another writer opened an instant just now: wait for it
        }
    }
}
