package chat.server.roster;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The outgoing side of one connection: a bounded queue of encoded lines, and its writer, which alone writes to
 * the socket: either {@link #drain()}, run by the connection's own writer thread, or the turns a {@link WriterPool}
 * gives it (on Java 17, where threads of its own cost too much: see there).
 *
 * <p>Lines are shared byte arrays (a broadcast encodes once for everyone) and must not be modified after
 * being offered; one array may hold several whole lines (the public lines of one read of their sender's
 * socket), counted as that many against the line limit. When the outbox starts finishing it calls
 * {@code onFinishing}, which must make sure the
 * socket is closed soon even if the writer is stuck in a write to a peer that does not read; when the writer
 * stops, for any reason, it calls {@code onDone}, which closes the socket.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Lines of one drain are copied into this many bytes and written together: one syscall, not one per line. */
    private static final int GATHER_BYTES = 16 * 1024;
    private static final int MIN_GATHER_BYTES = 512;
    /** How long a sender's echo waits for the store before the log says the store is stalled (it waits on). */
    private static final Duration KEPT_WAIT = Duration.ofSeconds(10);

    private final OutputStream out;
    private final boolean outGathers; // out gathers what it is written until flushed: it is handed each line array as is
    private final String connection; // for a pool worker's logs
    private final Turns pool; // null: a thread of its own runs drain()
    private final WriterGate gate; // where that thread waits for an instant's lines; null: it does not
    private final int maxLines;
    private final long maxBytes;
    private final byte[] overflowLine;
    private final Runnable onFinishing;
    private final Runnable onDone;
    private final CountDownLatch done = new CountDownLatch(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private ArrayDeque<byte[]> queue = new ArrayDeque<>(); // guarded by lock
    private long pendingLines; // guarded by lock: offered and not yet taken by the writer
    private long pendingBytes; // guarded by lock: offered and not yet written
    private boolean finishing; // guarded by lock: no more lines are taken
    private boolean scheduled; // guarded by lock: handed to the pool, which has not yet found it empty
    private Archive.Kept held = Archive.Kept.NOW; // guarded by lock: what the queued lines wait for (see offer)
    private volatile boolean overflowed;
    private volatile long writingSince; // System.nanoTime() when the current write began; 0 when not writing
    private ArrayDeque<byte[]> batch = new ArrayDeque<>(); // writer thread only: the lines being written
    private byte[] gather; // writer thread only: sized to this connection's batches, none while it had none
    private long written; // writer thread only: bytes of the last round, still counted in pendingBytes
    private boolean takenLast; // writer only: the batch taken ends with the last line
    private Archive.Kept takenKept = Archive.Kept.NOW; // writer only: what the batch taken waits for
    private boolean holding; // pool writer only: the batch taken waits for takenKept, which will schedule a turn

    /**
     * @param out the socket's stream, unbuffered (lines are gathered here); written only by the writer thread
     * @param overflowLine the last line sent to a reader too slow for the limits
     * @param onFinishing run once when the outbox starts finishing, under its lock: must not block
     * @param onDone run once by the writer thread when it stops
     */
    public Outbox(OutputStream out, int maxLines, long maxBytes, byte[] overflowLine, Runnable onFinishing, Runnable onDone) {
        this(out, false, null, null, "", maxLines, maxBytes, overflowLine, onFinishing, onDone);
    }

    /**
     * Like the constructor without {@code pool}, for an outbox written in turns {@code pool} gives (null: by its own
     * thread, which passes {@code gate} when it wakes from idle, if there is one); {@code connection} names it in
     * what a pool's worker logs of it ({@code #12}, as the session's logs).
     *
     * @param outGathers whether {@code out} gathers what it is written until it is flushed (IRC's translation
     *     does): then it is handed each queued array as it is, not copied together with the others first, so a
     *     broadcast's one array for everyone stays one it can recognise
     */
    public Outbox(OutputStream out, boolean outGathers, Turns pool, WriterGate gate, String connection, int maxLines,
            long maxBytes, byte[] overflowLine, Runnable onFinishing, Runnable onDone) {
        this.out = out;
        this.outGathers = outGathers;
        this.connection = connection;
        this.pool = pool;
        this.gate = gate;
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.overflowLine = overflowLine;
        this.onFinishing = onFinishing;
        this.onDone = onDone;
    }

    /** Who gives pooled outboxes their turns: a {@link WriterPool}, or a test. */
    public interface Turns {
        /** Gives {@code outbox} a turn ({@link #writeTurn()}) soon, on a thread of the giver's. */
        void schedule(Outbox outbox);
    }

    /**
     * An outbox that takes no line: for a member connected to another node of the chat, as this node's copy of
     * the rooms holds it (that node delivers its lines).
     */
    public static Outbox elsewhere() {
        Outbox outbox = new Outbox(OutputStream.nullOutputStream(), 0, 0, null, () -> { }, () -> { });
        outbox.finishing = true;
        outbox.done.countDown();
        return outbox;
    }

    /**
     * Queues a line for writing. The contract, which keeps one slow reader from costing anyone else:
     * <ol>
     *   <li>MUST NOT block beyond a queue insert: no I/O happens here;
     *   <li>MUST NOT reorder: lines are written in the order offered;
     *   <li>when the queue is over its line or byte limit, the line is not queued; instead the outbox finishes
     *       with the overflow line and the connection is closed once it is written.
     * </ol>
     *
     * @return whether the line was queued
     */
    public boolean offer(byte[] line) {
        return offer(line, 1);
    }

    /**
     * Like {@link #offer(byte[])} for an array holding {@code lines} whole lines: one queue entry and one
     * wake-up for all of them.
     */
    boolean offer(byte[] lines, int count) {
        return offer(lines, count, Archive.Kept.NOW);
    }

    /**
     * Like {@link #offer(byte[], int)} for this member's own public lines: they, and every line after them, are
     * written only once {@code kept} (so that a line echoed to its sender is on disk, and in its order).
     */
    boolean offer(byte[] lines, int count, Archive.Kept kept) {
        lock.lock();
        try {
            if (finishing) {
                return false;
            }
            if (pendingLines + count > maxLines || pendingBytes + lines.length > maxBytes) {
                overflowed = true;
                finishLocked(overflowLine);
                return false;
            }
            queue.addLast(lines);
            if (kept != Archive.Kept.NOW) {
                held = kept; // the newest: kept after every earlier one
            }
            pendingLines += count;
            pendingBytes += lines.length;
            wakeLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more lines: what is queued, then {@code lastLine} if not null, is written and the connection
     * closed. Does nothing if the outbox is already finishing.
     */
    public void finish(byte[] lastLine) {
        lock.lock();
        try {
            if (!finishing) {
                finishLocked(lastLine);
            }
        } finally {
            lock.unlock();
        }
    }

    private void finishLocked(byte[] lastLine) {
        finishing = true;
        if (lastLine != null) {
            queue.addLast(lastLine); // past the limits on purpose: it is the last one
        }
        wakeLocked();
        onFinishing.run();
    }

    /** Lets the writer know there is work: its thread, or the pool, which is given this outbox once until it is empty. */
    private void wakeLocked() {
        if (pool == null) {
            ready.signal();
        } else if (!scheduled) {
            scheduled = true;
            pool.schedule(this);
        }
    }

    /** Whether the outbox closed the connection because its reader was too slow. */
    public boolean overflowed() {
        return overflowed;
    }

    /** How long the current write has been blocked, in nanoseconds; 0 if the writer is not writing. */
    public long writeBlockedNanos(long now) {
        long since = writingSince;
        return since == 0 ? 0 : now - since;
    }

    /** Waits for the writer to stop; true if it did within the timeout. */
    public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /**
     * The writer thread's loop: takes everything queued at once, writes it and flushes once, until finished.
     * An I/O error ends it; only this connection is affected.
     */
    public void drain() {
        try {
            while (writeRound()) {
                // each round is its own call: see writeRound
            }
        } catch (IOException e) {
            log.debug("Write failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped();
        }
    }

    /** The writer's last act, however it stopped. */
    private void stopped() {
        finish(null);
        done.countDown();
        onDone.run();
    }

    /**
     * A turn given by the pool, whose worker calls this while the outbox is scheduled (so never two at once): like
     * one round of {@link #drain()}, but it never waits. A batch that holds its sender's own line not yet kept waits
     * for the store, which then schedules the turn that writes it. At the end, the outbox goes back to the pool if
     * lines came meanwhile, else it is no longer scheduled.
     */
    public void writeTurn() {
        try {
            if (!holding) {
                lock.lock();
                try {
                    takeLocked();
                } finally {
                    lock.unlock();
                }
            }
            if (takenKept != Archive.Kept.NOW) {
                Archive.Kept kept = takenKept;
                takenKept = Archive.Kept.NOW;
                holding = true;
                kept.whenKept(() -> pool.schedule(this)); // maybe at once, on another worker: nothing here follows
                return;
            }
            holding = false;
            writeTaken();
            if (takenLast) {
                stopped();
                return;
            }
            lock.lock();
            try {
                pendingBytes -= written;
                written = 0;
                if (queue.isEmpty() && !finishing) {
                    scheduled = false;
                } else {
                    pool.schedule(this); // behind the others waiting: one busy connection does not hold the workers
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            try (MDC.MDCCloseable named = MDC.putCloseable("conn", connection)) { // a worker serves many connections
                log.debug("Write failed: {}", e.getMessage());
            }
            stopped();
        } catch (RuntimeException e) {
            try (MDC.MDCCloseable named = MDC.putCloseable("conn", connection)) {
                log.error("Unexpected failure writing to a connection", e);
            }
            stopped();
        }
    }

    /**
     * One round of the writer: waits for lines, takes all of them, writes them and flushes; false when it wrote
     * the last. A method of its own, not the body of drain's loop, because drain runs once per connection: the
     * JIT would compile the loop fully only after hundreds of connections, a round after a few thousand rounds.
     */
    private boolean writeRound() throws IOException, InterruptedException {
        lock.lock();
        try {
            pendingBytes -= written; // under the lock taken anyway to wait: one lock per round, not two
            if (queue.isEmpty() && !finishing) {
                do {
                    ready.await();
                } while (queue.isEmpty() && !finishing);
                if (gate != null && !finishing) { // woken from idle: the instant's other lines come meanwhile
                    lock.unlock();
                    try {
                        gate.pass();
                    } finally {
                        lock.lock();
                    }
                }
            }
            takeLocked();
        } finally {
            lock.unlock();
        }
        while (takenKept != Archive.Kept.NOW && !takenKept.await(KEPT_WAIT)) { // never echoed before it is kept
            log.warn("The store has not kept a line for {} s; its echo waits on", KEPT_WAIT.toSeconds());
        }
        takenKept = Archive.Kept.NOW;
        writeTaken();
        return !takenLast;
    }

    /** Takes every line queued as the batch to write, with what it waits for; the caller holds the lock. */
    private void takeLocked() {
        ArrayDeque<byte[]> taken = queue;
        queue = batch;
        batch = taken;
        pendingLines = 0;
        takenLast = finishing;
        takenKept = held;
        held = Archive.Kept.NOW;
    }

    /** Writes the batch taken and flushes. */
    private void writeTaken() throws IOException {
        writingSince = System.nanoTime() | 1; // never 0 while writing
        if (batch.size() == 1 || outGathers) {
            written = 0;
            for (byte[] line = batch.pollFirst(); line != null; line = batch.pollFirst()) {
                out.write(line);
                written += line.length;
            }
        } else {
            gather = gatherFor(batch, gather);
            written = writeGathered(batch, gather);
        }
        out.flush();
        writingSince = 0;
    }

    /**
     * A gather buffer that holds {@code batch}, up to {@link #GATHER_BYTES}: {@code gather} if it is big enough,
     * else a new one of the next power of two. It grows only as far as this connection's batches need: with one
     * of the full size for each of 5,000 members logging in, young collections copied 80 MB more and paused
     * the server for over 100 ms.
     */
    static byte[] gatherFor(ArrayDeque<byte[]> batch, byte[] gather) {
        long bytes = 0;
        for (byte[] line : batch) {
            bytes += line.length;
        }
        int need = (int) Math.min(GATHER_BYTES, bytes);
        if (gather != null && gather.length >= need) {
            return gather;
        }
        return new byte[Math.max(MIN_GATHER_BYTES, Integer.highestOneBit(need - 1) << 1)];
    }

    /** Writes and empties {@code batch}, packing lines into {@code gather}; returns the bytes written. */
    private long writeGathered(ArrayDeque<byte[]> batch, byte[] gather) throws IOException {
        long written = 0;
        int used = 0;
        for (byte[] line = batch.pollFirst(); line != null; line = batch.pollFirst()) {
            if (used + line.length > gather.length) {
                out.write(gather, 0, used);
                used = 0;
            }
            if (line.length > gather.length) {
                out.write(line);
            } else {
                System.arraycopy(line, 0, gather, used, line.length);
                used += line.length;
            }
            written += line.length;
        }
        if (used > 0) {
            out.write(gather, 0, used);
        }
        return written;
    }
}
