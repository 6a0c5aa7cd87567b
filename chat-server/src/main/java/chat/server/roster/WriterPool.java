package chat.server.roster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few platform threads that write every connection's {@link Outbox}, for a JDK without virtual threads (17):
 * there, a writer thread of its own per connection made a broadcast to 500 members wake 500 threads, each a switch
 * of the processor, and a busy server spent most of its time switching (docs/DESIGN.md, "Writers on Java 17").
 * A worker takes an outbox that has lines, writes what it holds in one turn, and takes the next; an outbox is
 * handed to one worker at a time, so its lines keep their order.
 *
 * <p>The danger: writes block, and a worker blocked in a write to a peer that does not read serves nobody else.
 * So a watch thread adds a worker whenever outboxes wait and fewer than {@code core} workers are free to take them
 * (the others are in a turn that began over {@link #STUCK_NANOS} ago); a blocked write still ends at the server's
 * write timeout, which closes the socket. Workers above {@code core} leave after {@link #IDLE} without work.
 */
public final class WriterPool implements Outbox.Turns, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterPool.class);
    /** A turn this old is taken to be blocked in a write: a turn that writes without blocking takes microseconds. */
    static final long STUCK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How often the watch looks while the workers are busy; while they are idle, ten times less often. */
    private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration IDLE = Duration.ofSeconds(5);
    /**
     * How long a worker that was idle waits before its first turn: the lines of one instant (several senders' lines
     * read at once) then go out in one write to each member, not one write each. A write to a socket is what a
     * delivery costs (on loopback the kernel does the receiver's part too). In workload (c), 5 senders at the same
     * instants to 500 members on one core, the five readers' broadcasts take about a millisecond: waiting 0.3 ms the
     * pool wrote 2.1 times per member and instant, 1.5 ms about 1.1 times, at half the CPU per delivery and a lower
     * p50 and p99 (docs/BENCHMARKS.md, "Java 17: the pool's wait"). A line to an idle chat waits this much more.
     */
    static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(1_500);

    private final int core;
    private final long idleNanos;
    private final LinkedBlockingQueue<Outbox> ready = new LinkedBlockingQueue<>(); // each outbox at most once
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger(); // of workers: the set's size, kept exact for retiring
    private final AtomicInteger made = new AtomicInteger();
    private final Thread watch;
    private volatile boolean closed;

    /**
     * @param core how many workers are kept, however idle: the processors there are, typically
     * @param idle how long a worker beyond those waits for work before it leaves
     */
    WriterPool(int core, Duration idle) {
        if (core < 1) {
            throw new IllegalArgumentException("core must be at least 1: " + core);
        }
        this.core = core;
        this.idleNanos = idle.toNanos();
        for (int i = 0; i < core; i++) {
            addWorker();
        }
        this.watch = new Thread(this::watch, "chat-writers-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** A pool of one worker per processor, and at least two. */
    public static WriterPool forThisMachine() {
        return new WriterPool(Math.max(2, Runtime.getRuntime().availableProcessors()), IDLE);
    }

    /** Hands {@code outbox} to the next free worker; called by the outbox, which has lines and no worker yet. */
    @Override
    public void schedule(Outbox outbox) {
        ready.add(outbox);
    }

    /** Workers there are now, blocked or not. */
    public int workers() {
        return count.get();
    }

    /** Stops the workers and the watch; outboxes still waiting are not written. Call after every session ended. */
    @Override
    public void close() {
        closed = true;
        watch.interrupt();
        workers.forEach(w -> w.thread.interrupt());
    }

    private void addWorker() {
        Worker worker = new Worker();
        workers.add(worker);
        count.incrementAndGet();
        try {
            worker.thread.start();
        } catch (RuntimeException | Error e) { // out of threads: the watch tries again at its next look
            workers.remove(worker);
            count.decrementAndGet();
            log.warn("Cannot start a writer thread ({} running): {}", count.get(), e.toString());
        }
    }

    /** Whether an idle worker may leave: only while there are more than {@code core}. */
    private boolean mayRetire() {
        for (int n = count.get(); n > core; n = count.get()) {
            if (count.compareAndSet(n, n - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Adds workers while outboxes wait and fewer than {@code core} workers are free to take them. */
    private void watch() {
        boolean busy = false;
        while (!closed) {
            LockSupport.parkNanos(busy ? WATCH_NANOS : 10 * WATCH_NANOS);
            long now = System.nanoTime();
            int free = 0;
            busy = !ready.isEmpty();
            for (Worker worker : workers) {
                busy |= worker.inTurn();
                if (!worker.stuck(now)) {
                    free++;
                }
            }
            for (; free < core && !ready.isEmpty() && !closed; free++) {
                addWorker();
            }
        }
    }

    private final class Worker {
        final Thread thread = new Thread(this::run, "chat-writer-" + made.incrementAndGet());
        private volatile long turnSince; // System.nanoTime() when the current turn began; 0 between turns

        Worker() {
            thread.setDaemon(true);
        }

        boolean inTurn() {
            return turnSince != 0;
        }

        boolean stuck(long now) {
            long since = turnSince;
            return since != 0 && now - since > STUCK_NANOS;
        }

        private void run() {
            try {
                while (!closed) {
                    Outbox outbox = ready.poll();
                    if (outbox == null) {
                        outbox = ready.poll(idleNanos, TimeUnit.NANOSECONDS);
                        if (outbox != null) {
                            LockSupport.parkNanos(GATHER_NANOS);
                        }
                    }
                    if (outbox != null) {
                        turnSince = System.nanoTime() | 1; // never 0 in a turn
                        outbox.writeTurn();
                        turnSince = 0;
                    } else if (mayRetire()) { // an extra worker the watch added, no longer needed: counted out
                        workers.remove(this);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // closed: below
            }
            workers.remove(this);
            count.decrementAndGet();
        }
    }
}
