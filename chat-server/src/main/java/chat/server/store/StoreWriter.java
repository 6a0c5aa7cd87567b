package chat.server.store;

import chat.common.protocol.Username;
import chat.server.roster.Archive;
import chat.server.roster.LocalRoster.Said;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the public lines from the roster and keeps them in the store on a thread of its own, many in one
 * transaction, so that no one's line waits for the disk; deletes a purged name's lines in the same order, and
 * lines older than the retention at start (before the first read: a room's history never shows them) and daily.
 * The queue is bounded in lines and in bytes: if the disk falls that far behind, the lines that do not fit are
 * not kept (counted, and logged at most once a minute), and the chat goes on. Under the roster's lock a line is
 * only queued; a batch is kept as the store's journal ({@link Store#journal}: for SQLite one entry, the least work
 * on the one core it shares with the chat), and reading the lines (their authors, their words) and indexing them
 * is done when the chat has been quiet for {@link #INDEX_WHEN_QUIET}, or once {@link #MOST_JOURNALED} wait. Each
 * line's {@link Kept} is done once the transaction that holds it is committed (or failed): its sender's echo
 * waits for that.
 *
 * <p>Who queues a line does not wake the thread itself but asks {@code wake} to, which on virtual threads does it
 * once the threads the line's broadcast made runnable have run: a platform thread woken under the roster's lock took
 * the one core from the broadcast, for a commit per line, in the middle of its deliveries (docs/BENCHMARKS.md, "The
 * store's wake-up"). Woken after them, it finds the lines of the same moment queued and commits them together.
 */
public final class StoreWriter implements Archive, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    /** Lines waiting for the disk at most: about a minute of a busy chat. */
    static final int QUEUE_LINES = 65_536;
    /** Bytes of lines waiting for the disk at most: long lines fill this before the count. */
    static final long QUEUE_BYTES = 2L << 20;
    /** Lines (and bytes) waiting beyond which a sender waits for room: half, so senders past the check still fit. */
    static final int ROOMY_LINES = QUEUE_LINES / 2;
    static final long ROOMY_BYTES = QUEUE_BYTES / 2;
    private static final int BATCH_LINES = 1_000;
    private static final long BATCH_BYTES = 512L << 10; // a batch's lines are in memory twice while written
    private static final Duration EXPIRY_EVERY = Duration.ofDays(1);
    /**
     * How long the chat is quiet before journaled lines are indexed (Store#journal), and how many at a time. A
     * second, not less: the last lines of a burst are still being written out to their readers well after they
     * came (a tenth of a second had the indexing take the core from the burst's own deliveries).
     */
    static final Duration INDEX_WHEN_QUIET = Duration.ofSeconds(1);
    private static final int INDEX_LINES = 2_000;
    /**
     * Journaled lines beyond which they are indexed even while the chat is busy, a chunk after each batch: so a
     * burst of up to this many costs the chat only its journal while it lasts (20 s of 1,000 members each at the
     * default allowance of 5 lines a second), and a read after it waits at most for this many to be indexed (on this
     * project's machine 8 µs a line: 0.8 s, in parts between which the writer goes on).
     */
    static final int MOST_JOURNALED = 100_000;
    private static final Duration INDEX_RETRY = Duration.ofSeconds(10);

    /** An action to run once the task {@code number} is carried out (Kept.whenKept), first the lowest number. */
    private record Waiting(long number, Runnable action) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting other) {
            return Long.compare(number, other.number);
        }
    }

    /** What the thread is to do, in order: keep a line said in a room, or forget a name's lines; numbered. */
    private record Task(long number, String roomKey, Said said, String forget) {}

    private static final Task END = new Task(Long.MAX_VALUE, null, null, null);

    private final Store store;
    private final Duration retention;
    private final Clock clock;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong queuedBytes = new AtomicLong();
    private long numbered; // the last task's number; guarded by the roster's lock (Archive: keep and forget)
    private final ReentrantLock doneLock = new ReentrantLock();
    private final Condition progress = doneLock.newCondition();
    private long done; // every task up to this number is carried out; guarded by doneLock
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(); // guarded by doneLock: Kept.whenKept's
    private final Thread thread;
    private final Executor wake; // runs wakeThread: at once, or after the threads made runnable meanwhile
    private final Runnable wakeThread;
    private final AtomicBoolean asleep = new AtomicBoolean(); // the thread waits for tasks, or is about to
    private long dropped; // guarded by this
    private long droppedSaidAt; // when the last drop was logged, guarded by this
    private long indexAfter; // the writer thread's: no indexing before then (clock millis), after a failure

    /** Like the constructor with {@code wake}, waking the thread at once when a task is queued. */
    public StoreWriter(Store store, Duration retention, Clock clock) {
        this(store, retention, clock, Runnable::run);
    }

    /**
     * Deletes the lines older than {@code retention}, then starts the writer's thread ({@code chat-store}).
     *
     * @param retention how long lines are kept, more than zero
     * @param wake runs what wakes the thread when a task was queued for it: must not block (it is called under
     *     the roster's lock); it may run it later, as {@code SessionThreads.afterOthers} does
     */
    public StoreWriter(Store store, Duration retention, Clock clock, Executor wake) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.wake = wake;
        expire(clock.millis() - retention.toMillis());
        this.thread = new Thread(this::run, "chat-store");
        this.wakeThread = () -> LockSupport.unpark(thread);
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the thread if it waits for tasks (once, however many are queued before it looks). */
    private void wakeUp() {
        if (asleep.compareAndSet(true, false)) {
            try {
                wake.execute(wakeThread);
            } catch (RuntimeException e) { // refused (no thread for it): woken now rather than at its next timeout
                wakeThread.run();
            }
        }
    }

    /** Whether the thread waits for tasks: the next one queued asks {@code wake} to wake it. For tests. */
    boolean asleep() {
        return asleep.get();
    }

    /**
     * The next task, waiting for one up to {@code millis}; null if none came. Waits by parking, not in the queue,
     * so that queuing a task wakes nobody by itself ({@link #wakeUp}).
     */
    private Task next(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Task task = queue.poll();
            if (task != null) {
                return task;
            }
            asleep.set(true);
            task = queue.poll(); // queued before the flag was up: its wakeUp found the thread awake
            long left = deadline - System.nanoTime();
            if (task != null || left <= 0) {
                asleep.set(false);
                return task;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public Kept keep(String roomKey, Said line) {
        int size = line.line().length;
        long number = ++numbered;
        if (queuedBytes.addAndGet(size) > QUEUE_BYTES || !queue.offer(new Task(number, roomKey, line, null))) {
            queuedBytes.addAndGet(-size);
            droppedOne();
            return Kept.NOW; // never to be kept: nothing to wait for
        }
        wakeUp();
        return new Kept() {
            @Override
            public boolean await(Duration timeout) throws InterruptedException {
                return awaitDone(number, timeout);
            }

            @Override
            public void whenKept(Runnable action) {
                StoreWriter.this.whenDone(number, action);
            }
        };
    }

    /** Runs {@code action} once the task {@code number} is carried out: now, or on the writer's thread. */
    private void whenDone(long number, Runnable action) {
        doneLock.lock();
        try {
            if (done < number) {
                waiting.add(new Waiting(number, action));
                return;
            }
        } finally {
            doneLock.unlock();
        }
        action.run();
    }

    @Override
    public boolean awaitRoom(Duration timeout) throws InterruptedException {
        return roomy() || awaitUntil(this::roomy, timeout); // nearly always the first: no lock
    }

    /** Room for more lines, or no writer to wait for (it ended: nothing will make room). */
    private boolean roomy() {
        return queue.size() < ROOMY_LINES && queuedBytes.get() < ROOMY_BYTES || !thread.isAlive();
    }

    /**
     * Waits until the task {@code number} is carried out; false if it took longer than {@code timeout}. Woken
     * for its own task only: every sender's writer may wait at once, and waking them all at each commit (most to
     * wait again) cost the one core more than the commits did.
     */
    private boolean awaitDone(long number, Duration timeout) throws InterruptedException {
        CountDownLatch kept = new CountDownLatch(1);
        whenDone(number, kept::countDown); // at once if done; else on the writer's thread when it is
        return kept.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until {@code condition} holds, checked under {@code doneLock} at each progress; false after {@code timeout}. */
    private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        doneLock.lock();
        try {
            while (!condition.getAsBoolean()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = progress.awaitNanos(nanos);
            }
            return true;
        } finally {
            doneLock.unlock();
        }
    }

    private void doneUpTo(long number) {
        List<Runnable> due = new ArrayList<>();
        doneLock.lock();
        try {
            done = Math.max(done, number);
            progress.signalAll();
            while (!waiting.isEmpty() && waiting.peek().number() <= done) {
                due.add(waiting.poll().action());
            }
        } finally {
            doneLock.unlock();
        }
        due.forEach(Runnable::run); // outside the lock: an action may take other locks
    }

    @Override
    public void forget(String name) {
        if (!queue.offer(new Task(++numbered, null, null, Username.key(name)))) {
            log.warn("The store is too far behind: {}'s lines were not deleted from it; /purge {} again later", name, name);
        }
        wakeUp();
    }

    @Override
    public List<Said> latest(String roomKey, int count) {
        try {
            return store.latest(roomKey, count).stream().map(l -> new Said(l.epochMillis(), l.line())).toList();
        } catch (StoreException e) {
            log.warn("The history of {} could not be read: {}", roomKey, e.getMessage());
            return List.of();
        }
    }

    @Override
    public String topic(String roomKey) {
        try {
            return store.setting("topic " + roomKey);
        } catch (StoreException e) {
            log.warn("The topic of {} could not be read: {}", roomKey, e.getMessage());
            return null;
        }
    }

    @Override
    public void keepTopic(String roomKey, String topic) {
        try {
            store.keepSetting("topic " + roomKey, topic);
        } catch (StoreException e) {
            log.warn("The topic of {} could not be kept: {}", roomKey, e.getMessage());
        }
    }

    private synchronized void droppedOne() {
        dropped++;
        long now = clock.millis();
        if (now - droppedSaidAt >= 60_000) {
            droppedSaidAt = now;
            log.warn("The store is too far behind the chat: {} lines so far were not kept", dropped);
        }
    }

    private void run() {
        try {
            write();
        } finally {
            doneUpTo(Long.MAX_VALUE); // nothing more will be kept: no echo waits for it
        }
    }

    private void write() {
        long expiredAt = clock.millis();
        List<Task> batch = new ArrayList<>(BATCH_LINES);
        boolean quiet = false; // nothing came for INDEX_WHEN_QUIET: index chunk after chunk until something does
        while (true) {
            if (clock.millis() - expiredAt >= EXPIRY_EVERY.toMillis()) {
                expiredAt = clock.millis();
                expire(expiredAt - retention.toMillis());
            }
            try {
                boolean behind = store.journaled() > 0;
                Task first = next(quiet && behind ? 0 : behind ? INDEX_WHEN_QUIET.toMillis() : 60_000);
                if (first == null) {
                    // the chat is quiet: what a burst journaled is read and indexed now, chunk after chunk
                    quiet = behind && index();
                    continue;
                }
                quiet = false;
                batch.add(first);
                long bytes = size(first);
                for (Task next; batch.size() < BATCH_LINES && bytes < BATCH_BYTES && (next = queue.poll()) != null; ) {
                    batch.add(next);
                    bytes += size(next);
                }
                boolean more = carryOut(batch);
                doneUpTo(batch.get(batch.size() - 1).number());
                if (store.journaled() > MOST_JOURNALED) {
                    index(); // never quiet for long: the journal is kept short all the same
                }
                if (!more) {
                    return;
                }
                batch.clear();
            } catch (InterruptedException e) {
                return; // close() gave up waiting
            }
        }
    }

    private static long size(Task task) {
        return task.said() == null ? 0 : task.said().line().length;
    }

    /** Keeps and forgets as {@code tasks} say, in their order; false if they end with {@link #END}. */
    private boolean carryOut(List<Task> tasks) {
        List<Store.Heard> keep = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            if (task.said() != null) {
                queuedBytes.addAndGet(-task.said().line().length);
                keep.add(new Store.Heard(task.roomKey(), task.said().epochMillis(), task.said().line()));
                continue;
            }
            keepAll(keep);
            if (task == END) {
                return false;
            }
            try {
                int deleted = store.forget(task.forget());
                log.info("Deleted {} lines of {} from the store", deleted, task.forget());
            } catch (StoreException e) {
                log.warn("{}'s lines could not be deleted from the store: {}", task.forget(), e.getMessage());
            }
        }
        keepAll(keep);
        return true;
    }

    private void keepAll(List<Store.Heard> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            store.journal(lines);
        } catch (StoreException e) {
            synchronized (this) {
                dropped += lines.size();
            }
            log.warn("{} lines were not kept: {}", lines.size(), e.getMessage());
        }
        lines.clear();
    }

    /**
     * Indexes some journaled lines: a few milliseconds' work, so that a line that comes meanwhile waits little.
     * After a failure, not again for {@link #INDEX_RETRY} (the lines stay kept in the journal).
     *
     * @return whether it indexed some (else the writer waits before it tries again)
     */
    private boolean index() {
        if (clock.millis() < indexAfter) {
            return false;
        }
        try {
            return store.index(INDEX_LINES) > 0;
        } catch (StoreException e) {
            indexAfter = clock.millis() + INDEX_RETRY.toMillis();
            log.warn("Lines kept could not be indexed yet (they stay kept; tried again in {} s): {}",
                    INDEX_RETRY.toSeconds(), e.getMessage());
            return false;
        }
    }

    private void expire(long before) {
        try {
            int deleted = store.expire(before);
            if (deleted > 0) {
                log.info("Deleted {} lines older than {} days (--history-days) from the store", deleted, retention.toDays());
            }
        } catch (StoreException e) {
            log.warn("Old lines could not be deleted from the store: {}", e.getMessage());
        }
    }

    /** Keeps what is queued (waiting up to 10 s for the disk), then ends the thread; the store stays open. */
    @Override
    public void close() throws InterruptedException {
        queue.put(END);
        wakeUp();
        thread.join(10_000);
        if (thread.isAlive()) {
            thread.interrupt();
            log.warn("The store had not kept every line within 10 s of shutting down; the rest are not kept");
        }
    }
}
