package chat.server.cluster;

import chat.server.config.ThreadMaker;
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
 *
 * <p>While Redis can be reached but the lines come faster than they go, nothing is refused: a full queue
 * makes the sessions that offer wait for room, which holds their senders back through TCP, as a busy
 * single server does, for as long as lines keep going out. Only a publisher that has taken nothing from
 * its queue for the whole wait (Redis hung, not yet seen as gone) makes an offer give up. And the publisher
 * itself does not run more than {@code maxUnread} lines ahead of what this node's reader has read back: the
 * stream keeps only its last lines ({@code MAXLEN ~}), and a reader that fell further behind than that would
 * miss lines (its members would only be told how many).
 */
final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final int BATCH = 256;
    private static final long RETRY_MIN_MILLIS = 100;
    private static final long RETRY_MAX_MILLIS = 1000;
    /** The longest a batch waits for the reader: entries lost with a Redis restart are never read back. */
    private static final long READ_BACK_WAIT_MILLIS = 1000;

    /** Appends one batch; returns the id of its last entry ("" if none); throws when Redis cannot be reached. */
    interface Sink {
        String append(long seq, List<StreamRecord> batch);
    }

    private final Sink sink;
    private final int holdLines;
    private final int maxUnread;
    private final int batchLimit;
    private final LinkState link;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final Condition readBack = lock.newCondition();
    private final ArrayDeque<StreamRecord> queue = new ArrayDeque<>(); // guarded by lock
    private final ArrayDeque<Appended> unread = new ArrayDeque<>(); // guarded by lock: batches not read back yet
    private int unreadLines; // guarded by lock: the lines of those batches
    private String readId = "0-0"; // guarded by lock: the last entry this node's reader has read
    private boolean inFlight; // guarded by lock: a batch taken from the queue is not appended yet
    private boolean closed; // guarded by lock
    private long lastTakeNanos = System.nanoTime(); // guarded by lock: when the publisher last took lines to append
    private final Thread thread;

    /** A batch appended: the id of its last entry, and how many lines it held. */
    private record Appended(String lastId, int lines) {}

    /**
     * @param holdLines lines queued at most (held while Redis is away)
     * @param maxUnread lines appended and not yet read back by this node's reader, at most
     */
    Publisher(Sink sink, int holdLines, int maxUnread, LinkState link, ThreadMaker threads) {
        this.sink = sink;
        this.holdLines = holdLines;
        this.maxUnread = maxUnread;
        this.batchLimit = Math.max(1, Math.min(BATCH, maxUnread));
        this.link = link;
        this.thread = threads.make("cluster-publisher", this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues {@code record}. When the queue holds its most already, waits for room while Redis can be reached
     * and the publisher keeps taking lines: it gives up when the publisher has taken none for
     * {@code maxWaitMillis} of its wait. Returns false at once while Redis cannot be reached (the lines held are
     * all it may hold).
     *
     * @return whether {@code record} was queued
     */
    boolean offer(StreamRecord record, long maxWaitMillis) throws InterruptedException {
        long maxWait = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        long start = System.nanoTime();
        lock.lock();
        try {
            long left;
            // a deadline counted from the publisher's last progress: under a long burst a sender may wait far
            // longer than maxWait in all (a slow machine, small bounds), but never maxWait with nothing moving
            while (!closed && queue.size() >= holdLines && link.isUp()
                    && (left = Math.max(start, lastTakeNanos) + maxWait - System.nanoTime()) > 0) {
                room.awaitNanos(left);
            }
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

    /** This node's reader has read the stream up to entry {@code id}. */
    void readUpTo(String id) {
        lock.lock();
        try {
            if (compareIds(id, readId) > 0) {
                readId = id;
            }
            while (!unread.isEmpty() && compareIds(unread.peekFirst().lastId(), id) <= 0) {
                unreadLines -= unread.pollFirst().lines();
            }
            readBack.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Orders two stream entry ids ("milliseconds-sequence"). */
    static int compareIds(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime
                : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    }

    /** Queues {@code record} whatever the queue holds (leaves, and the reader's answers). */
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
                    awaitReadBack();
                    while (batch.size() < batchLimit && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                    lastTakeNanos = System.nanoTime();
                    room.signalAll();
                    inFlight = true;
                } finally {
                    lock.unlock();
                }
                String last = appendUntilDone(++seq, batch);
                int lines = batch.size();
                batch.clear();
                lock.lock();
                try {
                    // the reader may have read the batch before its answer came back here: then it is read back
                    if (!last.isEmpty() && compareIds(last, readId) > 0) {
                        unread.addLast(new Appended(last, lines));
                        unreadLines += lines;
                    }
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

    /** Under the lock: waits (a bounded time) while the reader is too far behind this node's appends. */
    private void awaitReadBack() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_BACK_WAIT_MILLIS);
        long left;
        int next = Math.min(batchLimit, queue.size());
        while (unreadLines > 0 && unreadLines + next > maxUnread && !closed && (left = deadline - System.nanoTime()) > 0) {
            readBack.awaitNanos(left);
        }
    }

    private String appendUntilDone(long seq, List<StreamRecord> batch) throws InterruptedException {
        long pause = RETRY_MIN_MILLIS;
        while (true) {
            try {
                String last = sink.append(seq, batch);
                link.up();
                return last;
            } catch (RuntimeException e) {
                link.down("appending lines", e);
                Thread.sleep(pause);
                pause = Math.min(RETRY_MAX_MILLIS, pause * 2);
            }
        }
    }
}
