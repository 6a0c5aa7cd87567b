package chat.server.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's lines on their way into the shared stream: a bounded queue that session threads add to without
 * waiting, and one thread ({@code cluster-publisher}) that appends them in batches, each batch in one script.
 *
 * <p>While Redis cannot be reached the lines are held, up to {@code holdLines}; a batch that failed is sent
 * again under the same number, so that Redis applies it once even if only its answer was lost. Leaves are
 * held beyond the bound: a name must be freed in the end (they are bounded by the connections).
 */
final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final int BATCH = 256;
    private static final long RETRY_MIN_MILLIS = 100;
    private static final long RETRY_MAX_MILLIS = 1000;

    /** Appends one batch; throws when Redis cannot be reached. */
    interface Sink {
        void append(long seq, List<StreamRecord> batch);
    }

    private final Sink sink;
    private final int holdLines;
    private final LinkState link;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<StreamRecord> queue = new ArrayDeque<>(); // guarded by lock
    private boolean inFlight; // guarded by lock: a batch taken from the queue is not appended yet
    private boolean closed; // guarded by lock
    private final Thread thread;

    Publisher(Sink sink, int holdLines, LinkState link) {
        this.sink = sink;
        this.holdLines = holdLines;
        this.link = link;
        this.thread = new Thread(this::run, "cluster-publisher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues {@code record}; false if the queue holds its most already (Redis is away): it was not queued. */
    boolean offer(StreamRecord record) {
        lock.lock();
        try {
            if (closed || queue.size() >= holdLines) {
                return false;
            }
            queue.add(record);
            waiting.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code record} whatever the queue holds (leaves). */
    void offerAlways(StreamRecord record) {
        lock.lock();
        try {
            queue.add(record);
            waiting.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lines waiting to be appended. */
    int held() {
        lock.lock();
        try {
            return queue.size() + (inFlight ? 1 : 0);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for everything queued to be appended, then stops; true if it all was. */
    boolean drainAndStop(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            long left;
            while ((!queue.isEmpty() || inFlight) && (left = deadline - System.nanoTime()) > 0) {
                drained.awaitNanos(left);
            }
            closed = true;
            waiting.signal();
            return queue.isEmpty() && !inFlight;
        } finally {
            lock.unlock();
            thread.interrupt();
            thread.join(millis);
        }
    }

    private void run() {
        long seq = 0;
        List<StreamRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                lock.lock();
                try {
                    while (queue.isEmpty() && !closed) {
                        waiting.await();
                    }
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    while (batch.size() < BATCH && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                    inFlight = true;
                } finally {
                    lock.unlock();
                }
                appendUntilDone(++seq, batch);
                batch.clear();
                lock.lock();
                try {
                    inFlight = false;
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            log.debug("Publisher stopped with {} lines not appended", held());
        }
    }

    private void appendUntilDone(long seq, List<StreamRecord> batch) throws InterruptedException {
        long pause = RETRY_MIN_MILLIS;
        while (true) {
            try {
                sink.append(seq, batch);
                link.up();
                return;
            } catch (RuntimeException e) {
                link.down("appending lines", e);
                Thread.sleep(pause);
                pause = Math.min(RETRY_MAX_MILLIS, pause * 2);
            }
        }
    }
}
